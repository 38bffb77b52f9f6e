package store

import (
	"database/sql"
	"encoding/json"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// attachmentsJSON encodes files as JSON text; none is stored as "".
func attachmentsJSON(list []nb.Attachment) string {
	if len(list) == 0 {
		return ""
	}
	b, _ := json.Marshal(list) // plain strings and numbers always encode
	return string(b)
}

// jsonAttachments scans JSON text into *list; "" reads back as nil.
type jsonAttachments struct{ list *[]nb.Attachment }

func (j jsonAttachments) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	*j.list = nil
	if s.String == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s.String), j.list); err != nil {
		return fmt.Errorf("decode attachments: %w", err)
	}
	return nil
}

// scanAttachments returns a destination for Scan that reads files into list.
func scanAttachments(list *[]nb.Attachment) sql.Scanner { return jsonAttachments{list} }

// photoJSON encodes one optional file.
func photoJSON(a *nb.Attachment) string {
	if a == nil {
		return ""
	}
	return attachmentsJSON([]nb.Attachment{*a})
}

// jsonPhoto scans one optional file.
type jsonPhoto struct{ a **nb.Attachment }

func (j jsonPhoto) Scan(src any) error {
	var list []nb.Attachment
	if err := (jsonAttachments{&list}).Scan(src); err != nil {
		return err
	}
	*j.a = nil
	if len(list) > 0 {
		*j.a = &list[0]
	}
	return nil
}

// scanPhoto returns a destination for Scan that reads one optional file.
func scanPhoto(a **nb.Attachment) sql.Scanner { return jsonPhoto{a} }
