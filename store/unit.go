package store

import (
	"database/sql"
	"errors"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

const unitColumns = `id, name, kind, COALESCE(parent_id, 0), created_at`

func scanUnit(row scanner) (*nb.Unit, error) {
	var u nb.Unit
	err := row.Scan(&u.ID, &u.Name, &u.Kind, &u.ParentID, scanTime(&u.CreatedAt))
	return &u, err
}

// CreateUnit validates and stores u, setting its ID and CreatedAt.
func (tx *tx) CreateUnit(u *nb.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt = tx.Now()
	err := tx.queryRow(`INSERT INTO units (name, kind, parent_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		u.Name, u.Kind, nullID(u.ParentID), toMillis(u.CreatedAt)).Scan(&u.ID)
	switch {
	case isUnique(err):
		return nb.Errorf(nb.ECONFLICT, "unit name %q is taken", u.Name)
	case isForeignKey(err):
		return notFound("parent unit %d not found", u.ParentID)
	case err != nil:
		return fmt.Errorf("insert unit: %w", err)
	}
	return nil
}

// FindUnitByID returns the unit with id.
func (tx *tx) FindUnitByID(id int64) (*nb.Unit, error) {
	u, err := scanUnit(tx.queryRow(`SELECT `+unitColumns+` FROM units WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("unit %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find unit: %w", err)
	}
	return u, nil
}

// FindUnitByName returns the unit called name.
func (tx *tx) FindUnitByName(name string) (*nb.Unit, error) {
	u, err := scanUnit(tx.queryRow(`SELECT `+unitColumns+` FROM units WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("unit %q not found", name)
	} else if err != nil {
		return nil, fmt.Errorf("find unit: %w", err)
	}
	return u, nil
}

// ListUnits returns every unit, by ID.
func (tx *tx) ListUnits() ([]*nb.Unit, error) {
	list, err := queryList(tx, scanUnit, `SELECT `+unitColumns+` FROM units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return list, nil
}
