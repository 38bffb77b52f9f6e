package sandbox

import (
	"context"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// ChatInfo is a sandbox chat as the sandbox page lists it.
type ChatInfo struct {
	Title string      `json:"title"` // also the chat key of a group
	Unit  string      `json:"unit"`  // the bound unit's name ("" = unbound)
	Kind  nb.ChatKind `json:"kind"`
}

// Chats lists the sandbox groups with the names of their units.
func (p *Platform) Chats(ctx context.Context) ([]ChatInfo, error) {
	out := []ChatInfo{}
	err := p.store.View(ctx, func(tx nb.Tx) error {
		tree, err := unitTree(tx)
		if err != nil {
			return err
		}
		chats, err := tx.ListChats(nb.PlatformSandbox, nb.ChatGroup)
		if err != nil {
			return err
		}
		for _, c := range chats {
			out = append(out, ChatInfo{Title: c.ExternalID, Unit: tree.Name(c.UnitID), Kind: c.Kind})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: list chats: %w", err)
	}
	return out, nil
}

// CreateChat creates a sandbox group, bound to the unit named unitName
// unless it is "". The title must be new (ECONFLICT) and the unit must
// exist (ENOTFOUND).
func (p *Platform) CreateChat(ctx context.Context, title, unitName string) (ChatInfo, error) {
	title, err := cleanName(title, "title", MaxTitleLen)
	if err != nil {
		return ChatInfo{}, err
	} else if title == PrivateChat || strings.HasPrefix(title, PrivateChat+":") {
		return ChatInfo{}, nb.Errorf(nb.EINVALID, "title must not be %q or start with %q", PrivateChat, PrivateChat+":")
	}
	unitName = strings.TrimSpace(unitName)
	info := ChatInfo{Title: title, Kind: nb.ChatGroup}
	err = p.store.Update(ctx, func(tx nb.Tx) error {
		if _, err := tx.FindChat(nb.PlatformSandbox, title); err == nil {
			return nb.Errorf(nb.ECONFLICT, "group %q exists", title)
		} else if nb.ErrorCode(err) != nb.ENOTFOUND {
			return err
		}
		unit, err := findUnit(tx, unitName)
		if err != nil {
			return err
		}
		c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: title, Kind: nb.ChatGroup, Title: title}
		if err := tx.EnsureChat(c); err != nil {
			return err
		}
		if unit != nil {
			info.Unit = unit.Name
			return tx.BindChat(c.ID, unit.ID)
		}
		return nil
	})
	if err != nil {
		return ChatInfo{}, fmt.Errorf("sandbox: create chat: %w", err)
	}
	return info, nil
}

// findUnit returns the unit name stands for, as chat commands read unit
// names (nb.FindUnit), nil for "", or an error listing the closest names.
func findUnit(tx nb.Tx, name string) (*nb.Unit, error) {
	if strings.TrimSpace(name) == "" {
		return nil, nil
	}
	units, err := tx.ListUnits()
	if err != nil {
		return nil, err
	}
	return nb.FindUnit(units, name)
}

// unitTree loads every unit.
func unitTree(tx nb.Tx) (nb.UnitTree, error) {
	units, err := tx.ListUnits()
	if err != nil {
		return nil, err
	}
	return nb.NewUnitTree(units), nil
}
