package store

import (
	"database/sql"
	"errors"
	"fmt"
	"sync"

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
	tx.tree = nil // read anew: the units change
	err := tx.queryRow(`INSERT INTO units (name, kind, parent_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		u.Name, u.Kind, nullID(u.ParentID), toMillis(u.CreatedAt)).Scan(&u.ID)
	switch {
	case tx.isUnique(err):
		return nb.Errorf(nb.ECONFLICT, "unit name %q is taken", u.Name)
	case tx.isForeignKey(err):
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

// unitCache is the unit tree as last read, with what identifies that set
// of units: units are only ever added (ids never reused once committed), so
// their count and greatest id change whenever the set does.
type unitCache struct {
	mu           sync.Mutex
	count, maxID int64
	tree         nb.UnitTree
}

// UnitTree returns the unit tree, from the cache while the units are the
// same (one cheap query), else read anew. What a transaction read is cached
// only when it commits: one that added a unit may roll back.
//
// Within one transaction the tree is read at most once until the
// transaction adds a unit: the units it sees change only by its own writes
// (SQLite has one writer; PostgreSQL's serializable snapshot holds still),
// so a batch of reports asks the database once, not once per report.
func (tx *tx) UnitTree() (nb.UnitTree, error) {
	if tx.tree != nil {
		return tx.tree, nil
	}
	tree, err := tx.unitTree()
	if err == nil {
		tx.tree = tree
	}
	return tree, err
}

// unitTree checks the cache against the units in the database.
func (tx *tx) unitTree() (nb.UnitTree, error) {
	var count, maxID int64
	if err := tx.queryRow(`SELECT COUNT(*), COALESCE(MAX(id), 0) FROM units`).Scan(&count, &maxID); err != nil {
		return nil, fmt.Errorf("unit tree: %w", err)
	}
	c := &tx.db.units
	c.mu.Lock()
	if c.tree != nil && c.count == count && c.maxID == maxID {
		defer c.mu.Unlock()
		return c.tree, nil
	}
	c.mu.Unlock()
	units, err := tx.ListUnits()
	if err != nil {
		return nil, err
	}
	tree := nb.NewUnitTree(units)
	tx.unitsRead = &unitCache{count: count, maxID: maxID, tree: tree} // cached once the transaction commits
	return tree, nil
}

// keep caches what a committed transaction read.
func (c *unitCache) keep(read *unitCache) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.count, c.maxID, c.tree = read.count, read.maxID, read.tree
}

// ListUnits returns every unit, by ID.
func (tx *tx) ListUnits() ([]*nb.Unit, error) {
	list, err := queryList(tx, scanUnit, `SELECT `+unitColumns+` FROM units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return list, nil
}
