package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

// maxBody is the largest request body accepted.
const maxBody = 256 << 10

// errorBody is what every API error looks like.
type errorBody struct {
	Error string `json:"error"`
}

// statusError is an error that carries its own HTTP status, for problems
// with the request itself (bad JSON, wrong content type).
type statusError struct {
	status int
	msg    string
}

func (e *statusError) Error() string { return e.msg }

// writeJSON writes v as JSON with the given status.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil && r.Context().Err() == nil {
		s.logger.Warn("write response", "path", r.URL.Path, "err", err)
	}
}

// writeError answers with {"error": "..."}: a domain error's code decides the
// status and its message is shown; any other error is logged and answered
// with a generic 500.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var se *statusError
	var busy *sandbox.BusyError
	switch {
	case errors.As(err, &se):
		s.writeJSON(w, r, se.status, errorBody{se.msg})
		return
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", strconv.Itoa(max(int(busy.RetryAfter.Seconds()), 1)))
		s.writeJSON(w, r, http.StatusTooManyRequests, errorBody{busy.Error()})
		return
	case (errors.Is(err, nb.ErrUnavailable) || errors.Is(err, nb.ErrBroken)) && r.Context().Err() == nil:
		s.logger.Warn("request refused: the store is unavailable", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		s.writeJSON(w, r, http.StatusServiceUnavailable, errorBody{"the bot cannot store messages right now; try again shortly"})
		return
	}
	if r.Context().Err() != nil {
		// The client left or the server is shutting down; the error may be
		// the database's own word for an interrupted query, not ctx's.
		s.writeJSON(w, r, http.StatusServiceUnavailable, errorBody{"request cancelled"})
		return
	}
	status, msg := http.StatusInternalServerError, nb.ErrorMessage(err)
	switch nb.ErrorCode(err) {
	case nb.ENOTFOUND:
		status = http.StatusNotFound
	case nb.EINVALID:
		status = http.StatusBadRequest
	case nb.ECONFLICT:
		status = http.StatusConflict
	case nb.EFORBIDDEN:
		status = http.StatusForbidden
	default:
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	s.writeJSON(w, r, status, errorBody{msg})
}

// decodeJSON reads a JSON request body into v. Wrong content types, bodies
// over 256 KiB, malformed JSON, unknown fields and trailing data are
// statusErrors that say what is wrong.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		// Browsers send this type only from the same origin, or after a
		// preflight that this server does not allow.
		return &statusError{http.StatusUnsupportedMediaType, "Content-Type must be application/json"}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.More() {
			return &statusError{http.StatusBadRequest, "invalid JSON: unexpected data after the object"}
		}
		return nil
	}
	var (
		maxErr    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &maxErr):
		return &statusError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body too large (at most %d KiB)", maxBody>>10)}
	case errors.Is(err, io.EOF):
		return &statusError{http.StatusBadRequest, "invalid JSON: empty body"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &statusError{http.StatusBadRequest, "invalid JSON: body ends too early"}
	case errors.As(err, &syntaxErr):
		return &statusError{http.StatusBadRequest, fmt.Sprintf("invalid JSON at byte %d: %v", syntaxErr.Offset, err)}
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return &statusError{http.StatusBadRequest, fmt.Sprintf("invalid JSON: field %q must be %s", typeErr.Field, jsonKind(typeErr.Type))}
		}
		return &statusError{http.StatusBadRequest, "invalid JSON: expected an object"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return &statusError{http.StatusBadRequest, "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	return &statusError{http.StatusBadRequest, "invalid JSON: " + err.Error()}
}

// jsonKind names a Go type the way a JSON user thinks of it.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}
