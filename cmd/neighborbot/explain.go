package main

import (
	"errors"
	"fmt"
	"syscall"
)

// explainListen says why the web server could not listen on addr, and what
// to do, once.
func explainListen(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("http_addr %s is already in use by another program (another neighborbot?): stop it, or choose "+
			"another address, e.g. NEIGHBORBOT_HTTP_ADDR=127.0.0.1:8081", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("http_addr %s: ports below 1024 need privileges: use a port such as 8080 "+
			"(NEIGHBORBOT_HTTP_ADDR=127.0.0.1:8080) behind a proxy", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("http_addr %s: this machine has no such address: use 127.0.0.1 or one of its own addresses "+
			"(NEIGHBORBOT_HTTP_ADDR)", addr)
	}
	return fmt.Errorf("http_addr %s: %w", addr, err)
}
