package sandbox

import (
	"context"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// UnitInfo is a unit as the sandbox page lists it.
type UnitInfo struct {
	ID     int64       `json:"id"`
	Name   string      `json:"name"`
	Kind   nb.UnitKind `json:"kind"`
	Parent string      `json:"parent"` // the parent's name ("" for a root)
}

// Units lists every unit with its parent's name.
func (p *Platform) Units(ctx context.Context) ([]UnitInfo, error) {
	out := []UnitInfo{}
	err := p.store.View(ctx, func(tx nb.Tx) error {
		units, err := tx.ListUnits()
		if err != nil {
			return err
		}
		tree := nb.NewUnitTree(units)
		for _, u := range units {
			out = append(out, UnitInfo{ID: u.ID, Name: u.Name, Kind: u.Kind, Parent: tree.Name(u.ParentID)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: list units: %w", err)
	}
	return out, nil
}
