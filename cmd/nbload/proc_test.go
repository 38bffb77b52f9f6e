package main

import (
	"os"
	"testing"
	"time"
)

func TestParseProc(t *testing.T) {
	// The command name may hold spaces and parentheses.
	stat := []byte("4242 (nb (x) y) S 1 4242 4242 0 -1 4194560 2000 0 0 0 250 130 0 0 20 0 12 0 100 0 0\n")
	cpu, err := parseStatCPU(stat)
	if err != nil || cpu != 3800*time.Millisecond {
		t.Fatalf("parseStatCPU = %v, %v; want 3.8s", cpu, err)
	}
	if _, err := parseStatCPU([]byte("4242 (nb) S 1 2")); err == nil {
		t.Error("a short stat line must fail")
	}
	rss, err := parseStatusRSS([]byte("Name:\tnb\nVmPeak:\t  900 kB\nVmRSS:\t   35720 kB\nThreads:\t9\n"))
	if err != nil || rss != 35720*1024 {
		t.Fatalf("parseStatusRSS = %d, %v", rss, err)
	}
	if _, err := parseStatusRSS([]byte("Name:\tzombie\n")); err == nil {
		t.Error("no VmRSS must fail")
	}
}

func TestReadProcSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	s, err := readProc("self")
	if err != nil || !s.exists || s.rss <= 0 {
		t.Fatalf("readProc(self) = %+v, %v", s, err)
	}
	a := procSample{at: s.at, cpu: time.Second, exists: true}
	b := procSample{at: s.at.Add(2 * time.Second), cpu: 2 * time.Second, exists: true}
	if p := cpuPercent(a, b); p != 50 {
		t.Errorf("cpuPercent = %g, want 50", p)
	}
	if p := cpuPercent(a, procSample{}); p != 0 {
		t.Errorf("cpuPercent of a missing sample = %g, want 0", p)
	}
}

func TestCheckLoopback(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080", "http://127.0.0.2:80"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"http://10.0.0.1:8080", "http://example.com", "https://127.0.0.1:8080", "127.0.0.1:8080", ""} {
		if err := checkLoopback(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}
