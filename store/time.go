package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// toMillis returns t as unix milliseconds, the way times are stored; the zero
// time is stored as 0.
func toMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis is the inverse of toMillis; times come back in UTC.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// msTime scans a stored time into *t.
type msTime struct{ t *time.Time }

func (m msTime) Scan(src any) error {
	var ms sql.NullInt64
	if err := ms.Scan(src); err != nil {
		return err
	}
	*m.t = fromMillis(ms.Int64)
	return nil
}

// scanTime returns a destination for Scan that reads a stored time into t.
func scanTime(t *time.Time) sql.Scanner { return msTime{t} }

// toJSON encodes a list of strings as JSON text; nil is stored as [].
func toJSON(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list) // strings always encode
	return string(b)
}

// jsonList scans JSON text into *list; an empty list reads back as nil.
type jsonList struct{ list *[]string }

func (j jsonList) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	*j.list = nil
	if s.String == "" || s.String == "[]" {
		return nil
	}
	if err := json.Unmarshal([]byte(s.String), j.list); err != nil {
		return fmt.Errorf("decode list: %w", err)
	}
	return nil
}

// scanList returns a destination for Scan that reads JSON text into list.
func scanList(list *[]string) sql.Scanner { return jsonList{list} }
