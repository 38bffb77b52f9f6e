package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// AddAttachment keeps a file as evidence on a case.
func (tx *tx) AddAttachment(a *nb.CaseAttachment) error {
	a.CreatedAt = tx.Now()
	err := tx.queryRow(`INSERT INTO case_attachments (case_id, event_kind, platform, kind, file_ref, size, mime_type, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.CaseID, a.EventKind, a.Platform, a.Kind, a.FileRef, a.Size,
		a.MIMEType, toMillis(a.CreatedAt)).Scan(&a.ID)
	if tx.isForeignKey(err) {
		return notFound("case #%d not found", a.CaseID)
	} else if err != nil {
		return fmt.Errorf("add attachment: %w", err)
	}
	return nil
}

// ListAttachments returns a case's attachments, oldest first.
func (tx *tx) ListAttachments(caseID int64) ([]*nb.CaseAttachment, error) {
	list, err := queryList(tx, func(row scanner) (*nb.CaseAttachment, error) {
		var a nb.CaseAttachment
		err := row.Scan(&a.ID, &a.CaseID, &a.EventKind, &a.Platform, &a.Kind, &a.FileRef, &a.Size, &a.MIMEType,
			scanTime(&a.CreatedAt))
		return &a, err
	}, `SELECT id, case_id, event_kind, platform, kind, file_ref, size, mime_type, created_at
		FROM case_attachments WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	return list, nil
}
