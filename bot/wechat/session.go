package wechat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// sessionFile is the library's hot-login storage kept in one file with mode
// 0600: it holds live session cookies and keys, a secret. Each write
// replaces the file whole (write to a temporary file, then rename), so a
// crash never leaves half a session behind.
type sessionFile struct {
	path    string
	noRead  bool // reads find nothing: a scan login that saves its session
	mu      sync.Mutex
	pending *bytes.Reader
}

// errNoSession is returned when there is no saved session to log in with.
var errNoSession = errors.New("wechat: no saved session")

// Read implements io.Reader over the saved session.
func (s *sessionFile) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noRead {
		return 0, errNoSession
	}
	if s.pending == nil {
		b, err := os.ReadFile(s.path)
		if errors.Is(err, os.ErrNotExist) || (err == nil && len(bytes.TrimSpace(b)) == 0) {
			return 0, errNoSession
		}
		if err != nil {
			return 0, hidePath(err)
		}
		s.pending = bytes.NewReader(b)
	}
	n, err := s.pending.Read(p)
	if err == io.EOF {
		s.pending = nil
	}
	return n, err
}

// Write implements io.Writer: each call is one whole session.
func (s *sessionFile) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, ".wechat-session-*")
	if err != nil {
		return 0, hidePath(err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return 0, hidePath(err)
	}
	if _, err := tmp.Write(p); err != nil {
		tmp.Close()
		return 0, hidePath(err)
	}
	if err := tmp.Close(); err != nil {
		return 0, hidePath(err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return 0, hidePath(err)
	}
	return len(p), nil
}

// exists reports whether a session was saved.
func (s *sessionFile) exists() bool {
	st, err := os.Stat(s.path)
	return err == nil && st.Size() > 0
}

// hidePath drops the file name from err: the session file's path is not
// logged.
func hidePath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("session file: %s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("session file: %s: %w", le.Op, le.Err)
	}
	return err
}
