package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// server is a neighborbot process nbload started on a fresh database.
type server struct {
	cmd  *exec.Cmd
	dir  string // temporary folder: database and server.log
	base string // http://127.0.0.1:PORT
	keep bool
	done chan error // the process's exit

	exited   chan struct{} // closed when the process has exited
	exitErr  error         // its exit status; read after exited is closed
	stopping atomic.Bool   // stop was called: an exit is expected
	killed   atomic.Bool   // nbload killed it on purpose (-kill-after)
}

// How long the spawned server may take to start and to stop.
const (
	startTimeout = 60 * time.Second
	stopTimeout  = 30 * time.Second
)

// newServerDir makes the temporary folder of a spawned server and returns
// the database path in it.
func newServerDir() (dir, db string, err error) {
	dir, err = os.MkdirTemp("", "nbload-")
	if err != nil {
		return "", "", err
	}
	return dir, filepath.Join(dir, "neighborbot.db"), nil
}

// startServer runs binary on the database in dir (or the NEIGHBORBOT_DB
// of env, whose settings come last) with a loopback address the kernel
// picks, and waits until it serves. Its log goes to dir/server.log.
func startServer(ctx context.Context, binary, dir string, keep bool, env ...string) (*server, error) {
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close() // the child keeps its own descriptor
	path, err := exec.LookPath(binary)
	if err == nil {
		path, err = filepath.Abs(path) // the server runs in dir
	}
	if err != nil {
		return nil, fmt.Errorf("-spawn: %w", err)
	}
	cmd := exec.Command(path, "run", "--no-demo")
	cmd.Dir = dir
	cmd.Env = append(withoutBotEnv(os.Environ()),
		"NEIGHBORBOT_DB="+filepath.Join(dir, "neighborbot.db"), "NEIGHBORBOT_HTTP_ADDR=127.0.0.1:0")
	cmd.Env = append(cmd.Env, env...) // the last of a name wins
	cmd.Stderr = logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a Ctrl-C of the terminal reaches nbload only
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("spawn %s: %w", binary, err)
	}
	s := &server{cmd: cmd, dir: dir, keep: keep, exited: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), "sandbox chat: "); ok {
				select {
				case ready <- strings.TrimSuffix(after, "/sandbox"):
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, out)
		s.exitErr = cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.base = <-ready:
		return s, nil
	case <-s.exited:
		s.keep = true
		return s, fmt.Errorf("server exited before serving (%v); see %s", s.exitErr, filepath.Join(dir, "server.log"))
	case <-time.After(startTimeout):
		return s, fmt.Errorf("server did not serve within %s; see %s", startTimeout, filepath.Join(dir, "server.log"))
	case <-ctx.Done():
		return s, ctx.Err()
	}
}

// withoutBotEnv drops NEIGHBORBOT_* settings of the caller's environment,
// so that the spawned server runs on its defaults and nbload's database.
func withoutBotEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		// The profiler's address passes, to profile the server under load.
		if !strings.HasPrefix(kv, "NEIGHBORBOT_") || strings.HasPrefix(kv, "NEIGHBORBOT_PPROF_ADDR=") {
			out = append(out, kv)
		}
	}
	return out
}

// pid is the server's process id.
func (s *server) pid() int { return s.cmd.Process.Pid }

// exitedEarly reports how the server ended if it exited before stop was
// called (someone killed it, or it crashed), and "" while it runs. Its
// folder is then kept, for its log.
func (s *server) exitedEarly() string {
	select {
	case <-s.exited:
	default:
		return ""
	}
	if s.stopping.Load() {
		return ""
	}
	s.keep = true
	status := "exit status 0"
	if s.exitErr != nil {
		status = s.exitErr.Error()
	}
	return fmt.Sprintf("the server exited during the run (%s); its log: %s", status, filepath.Join(s.dir, "server.log"))
}

// stop sends SIGTERM, waits for the exit (SIGKILL after stopTimeout) and
// removes the temporary folder unless kept. It reports an unclean exit.
func (s *server) stop() error {
	early := s.exitedEarly()
	s.stopping.Store(true)
	var exitErr error
	if s.cmd.Process != nil && early == "" && !s.killed.Load() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
			exitErr = s.exitErr
		case <-time.After(stopTimeout):
			_ = s.cmd.Process.Kill()
			<-s.exited
			exitErr = fmt.Errorf("server did not stop within %s after SIGTERM; killed", stopTimeout)
		}
	}
	if !s.keep {
		if err := os.RemoveAll(s.dir); err != nil {
			exitErr = errors.Join(exitErr, err)
		}
	}
	if exitErr != nil {
		return fmt.Errorf("server: %w", exitErr)
	}
	return nil
}
