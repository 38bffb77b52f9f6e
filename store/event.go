package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// AppendEvent appends e to its case's log, setting its ID, and its
// CreatedAt if zero.
func (tx *tx) AppendEvent(e *nb.Event) error {
	if e.CreatedAt.IsZero() {
		e.CreatedAt = tx.Now()
	}
	err := tx.queryRow(`INSERT INTO events (case_id, kind, actor_id, from_stage, to_stage, unit_id, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.CaseID, e.Kind, nullID(e.ActorID), e.FromStage, e.ToStage, nullID(e.UnitID), e.Note,
		toMillis(e.CreatedAt)).Scan(&e.ID)
	if tx.isForeignKey(err) {
		if missing, err := tx.caseMissing(err, e.CaseID); err != nil {
			return fmt.Errorf("append event: %w", err)
		} else if missing {
			return notFound("case #%d not found", e.CaseID)
		}
		return notFound("the event's actor or unit does not exist")
	} else if err != nil {
		return fmt.Errorf("append event: %w", err)
	}
	return nil
}

// ListEvents returns a case's log, oldest first.
func (tx *tx) ListEvents(caseID int64) ([]*nb.Event, error) {
	list, err := queryList(tx, func(row scanner) (*nb.Event, error) {
		var e nb.Event
		err := row.Scan(&e.ID, &e.CaseID, &e.Kind, &e.ActorID, &e.FromStage, &e.ToStage, &e.UnitID, &e.Note,
			scanTime(&e.CreatedAt))
		return &e, err
	}, `SELECT id, case_id, kind, COALESCE(actor_id, 0), from_stage, to_stage, COALESCE(unit_id, 0), note,
		created_at FROM events WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return list, nil
}
