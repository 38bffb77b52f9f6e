package main

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseMix(t *testing.T) {
	tests := []struct {
		in      string
		want    map[kind]float64
		wantErr string
	}{
		{in: defaultMix, want: map[kind]float64{kindChitChat: .70, kindReport: .20, kindDup: .04, kindPlusOne: .03, kindStatus: .02, kindOfficer: .01}},
		{in: "report=1", want: map[kind]float64{kindReport: 1}},
		{in: " chitchat = 3 , report=1 ,", want: map[kind]float64{kindChitChat: .75, kindReport: .25}},
		{in: "report=0.5,status=1.5", want: map[kind]float64{kindReport: .25, kindStatus: .75}},
		{in: "report=1,chitchat=0", want: map[kind]float64{kindReport: 1}},
		{in: "", wantErr: "no weight"},
		{in: "report=0", wantErr: "no weight"},
		{in: "reports=1", wantErr: `unknown kind "reports"`},
		{in: "report", wantErr: "not name=weight"},
		{in: "report=-1", wantErr: "must be a number"},
		{in: "report=x", wantErr: "must be a number"},
		{in: "report=NaN", wantErr: "must be a number"},
		{in: "report=1,report=2", wantErr: "given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			m, err := parseMix(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseMix(%q) = %v, want error containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k := range nKinds {
				if math.Abs(m[k]-tc.want[k]) > 1e-9 {
					t.Errorf("%s: %g, want %g", k, m[k], tc.want[k])
				}
			}
		})
	}
}

func TestMixStringRoundTrips(t *testing.T) {
	m, err := parseMix(defaultMix)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.String(); got != defaultMix {
		t.Fatalf("String() = %q, want %q", got, defaultMix)
	}
}

// TestMixPickFollowsShares draws many kinds and checks each share within
// 1 percentage point, and that a kind without a share never comes.
func TestMixPickFollowsShares(t *testing.T) {
	m, _ := parseMix("chitchat=70,report=20,dup=4,plusone=3,status=3")
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 100_000
	var got [nKinds]int
	for range n {
		got[m.pick(rng)]++
	}
	for k := range nKinds {
		if share := float64(got[k]) / n; math.Abs(share-m[k]) > 0.01 {
			t.Errorf("%s: drawn %.3f, want %.3f", k, share, m[k])
		}
	}
	if got[kindOfficer] != 0 {
		t.Errorf("officer drawn %d times with no share", got[kindOfficer])
	}
}
