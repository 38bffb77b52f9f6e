package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

//go:embed sample.yaml
var sample []byte

// SampleYAML returns a commented sample configuration that sets every key to
// its default. The caller gets its own copy.
func SampleYAML() []byte {
	return append([]byte(nil), sample...)
}

// WriteSample writes SampleYAML to path with mode 0600. It refuses to
// overwrite an existing file; that error wraps fs.ErrExist.
func WriteSample(path string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("config: %s already exists, not overwriting it: %w", path, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("config: write sample: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("config: write sample: %w", cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	if _, err := f.Write(sample); err != nil {
		return fmt.Errorf("config: write sample: %w", err)
	}
	return nil
}
