package broadcasts

import (
	"fmt"
	"slices"

	nb "github.com/neighborbot/neighborbot"
)

// suggestedKey is the setting that records that person was suggested.
func suggestedKey(personID int64) string { return fmt.Sprintf("ambassador_suggested:%d", personID) }

// SuggestTx tells the officers nearest to case c's unit, in one private
// line, that person — whose case was resolved to their satisfaction — may
// make a good ambassador: at most once per person, and never for one who
// already is. It returns how many messages it queued.
func (s *Service) SuggestTx(tx nb.Tx, c *nb.Case, person *nb.Person) (int, error) {
	if c.UnitID == 0 {
		return 0, nil
	}
	if _, err := tx.Setting(suggestedKey(person.ID)); err == nil || nb.ErrorCode(err) != nb.ENOTFOUND {
		return 0, err
	}
	grants, err := tx.ListGrants(person.ID)
	if err != nil || slices.ContainsFunc(grants, func(g nb.RoleGrant) bool { return g.Role == nb.RoleAmbassador }) {
		return 0, err
	}
	tree, err := tx.UnitTree()
	if err != nil {
		return 0, err
	}
	text := s.words.Suggest(person.Name, c.ID, tree.Name(c.UnitID))
	queued := 0
	for unit, seen := c.UnitID, 0; unit != 0 && queued == 0 && seen <= len(tree); seen++ {
		if queued, err = tellOfficers(tx, unit, text); err != nil {
			return 0, err
		}
		u, ok := tree[unit]
		if !ok {
			break
		}
		unit = u.ParentID
	}
	return queued, tx.PutSetting(suggestedKey(person.ID), tx.Now().UTC().Format("2006-01-02T15:04:05Z"))
}

// tellOfficers sends text privately to the officers of exactly unit.
func tellOfficers(tx nb.Tx, unit int64, text string) (int, error) {
	n := 0
	for _, p := range platforms {
		people, err := tx.ListReachableIn(Approvers, []int64{unit}, p)
		if err != nil {
			return 0, err
		}
		seen := map[int64]bool{}
		for _, r := range people {
			if seen[r.PersonID] {
				continue
			}
			seen[r.PersonID] = true
			if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: p, ChatExternalID: r.PrivateChatID, Text: text}); err != nil {
				return 0, err
			}
			n++
		}
	}
	return n, nil
}
