package neighborbot

import (
	"errors"
	"fmt"
)

// Error codes decide what a user is told; only EINTERNAL is logged as an error.
const (
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
)

// Error is a domain error with a code and a message that is safe to show.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("neighborbot error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain,
// EINTERNAL for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain,
// or a generic text for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrUnavailable marks a failure of the store itself that says nothing about
// the work being done (the disk is full, an I/O error, the database is busy
// or interrupted): the work is kept and tried again later, never given up.
var ErrUnavailable = errors.New("store unavailable")

// ErrBroken marks a store that must not be trusted any more: its file was
// removed, replaced or found damaged. Nothing more is taken in until an
// operator restores it and restarts.
var ErrBroken = errors.New("store broken")
