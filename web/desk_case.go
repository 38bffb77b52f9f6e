package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// deskActions are the actions the case page offers, in lifecycle order.
var deskActions = []nb.Action{nb.ActionConfirm, nb.ActionAccept, nb.ActionAssign, nb.ActionWhistle, nb.ActionAck,
	nb.ActionProgress, nb.ActionExtend, nb.ActionResolve, nb.ActionCategory, nb.ActionMerge, nb.ActionDismiss}

// eventRow is one line of a case's timeline.
type eventRow struct {
	At   time.Time
	Who  string // "" = the system
	Kind string
	Unit string
	Note string
}

// personRow is a reporter or follower.
type personRow struct {
	Name string
	Kind nb.FollowKind
	At   time.Time
}

// caseData is what the case page shows.
type caseData struct {
	Row        boardRow
	Events     []eventRow
	People     []personRow
	Group      string
	Photos     []*nb.CaseAttachment // kept on the platform; listed with their step
	Dup        int64                // the suggested duplicate, while it is open
	Actions    []nb.Action
	Units      []*nb.Unit
	Categories []string
	Done       string
}

// caseID reads the case number of the URL (EINVALID if it is not one).
func caseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, nb.Errorf(nb.EINVALID, "case number %q", r.PathValue("id"))
	}
	return id, nil
}

// deskCase shows a case: its timeline, reporters and followers, the group
// it came from, a suggested duplicate and the actions its stage allows the
// user (the case service checks again when one is taken).
func (s *Server) deskCase(w http.ResponseWriter, r *http.Request, u *deskUser) {
	id, err := caseID(r)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	d := caseData{Categories: s.desk.cfg.Categories, Units: treeUnits(u.Tree)}
	if a := nb.Action(r.URL.Query().Get("done")); slices.Contains(deskActions, a) {
		d.Done = u.L.Name("action", a)
	}
	err = s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		c, err := visibleCase(tx, u, id)
		if err != nil {
			return err
		}
		d.Row = rowOf(u, c, tx.Now())
		if d.Dup, err = openDuplicate(tx, c); err != nil {
			return err
		}
		for _, a := range deskActions {
			if nb.CanApply(c.Stage, a) && (a != nb.ActionAck || c.WhistleUnitID != 0) && nb.Authorize(u.Actor, a, c, u.Tree) == nil {
				d.Actions = append(d.Actions, a)
			}
		}
		return s.caseStory(tx, u, c, &d)
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.render(w, r, http.StatusOK, "case", u, d)
}

// openDuplicate is the case suggested as a duplicate of c while it is open
// (as #待办 hints it): a link to a dismissed or closed one would mislead.
func openDuplicate(tx nb.Tx, c *nb.Case) (int64, error) {
	if c.SuggestedDuplicate == 0 {
		return 0, nil
	}
	dup, err := tx.FindCaseByID(c.SuggestedDuplicate)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return 0, nil
	}
	if err != nil || !dup.Stage.Open() {
		return 0, err
	}
	return dup.ID, nil
}

// caseStory loads the case's timeline, people, group and photos into d.
func (s *Server) caseStory(tx nb.Tx, u *deskUser, c *nb.Case, d *caseData) error {
	unmask := u.mayUnmask(c)
	names := map[int64]string{}
	events, err := tx.ListEvents(c.ID)
	if err != nil {
		return err
	}
	for _, e := range events {
		who, err := actorName(tx, e.ActorID, unmask, names)
		if err != nil {
			return err
		}
		note := e.Note
		if !unmask {
			note = intake.MaskPersonal(note)
		}
		d.Events = append(d.Events, eventRow{At: e.CreatedAt, Who: who, Kind: u.L.Name("action", e.Kind),
			Unit: u.Tree.Name(e.UnitID), Note: note})
	}
	platform := nb.PlatformSandbox
	if c.ChatID != 0 {
		chat, err := tx.FindChatByID(c.ChatID)
		if err != nil {
			return err
		}
		d.Group, platform = chat.Title, chat.Platform
	}
	followers, err := tx.ListFollowers(c.ID, platform)
	if err != nil {
		return err
	}
	for _, f := range followers {
		name := f.Name
		if !unmask {
			name = intake.MaskName(name)
		}
		d.People = append(d.People, personRow{Name: name, Kind: f.Kind, At: f.CreatedAt})
	}
	d.Photos, err = tx.ListAttachments(c.ID)
	return err
}

// actorName is how an event's actor appears: "" for the system, staff by
// name, residents masked unless unmask.
func actorName(tx nb.Tx, id int64, unmask bool, cache map[int64]string) (string, error) {
	if id == 0 {
		return "", nil
	}
	if n, ok := cache[id]; ok {
		return n, nil
	}
	p, err := tx.FindPersonByID(id)
	if err != nil {
		return "", err
	}
	grants, err := tx.ListGrants(id)
	if err != nil {
		return "", err
	}
	name := p.Name
	if !unmask && !(nb.Actor{Grants: grants}).HasRole(nb.DeskRoles...) {
		name = intake.MaskName(name)
	}
	cache[id] = name
	return name, nil
}

// treeUnits lists every unit, in tree order, for choosing an owner or a
// whistled unit (which may lie outside the user's area).
func treeUnits(t nb.UnitTree) []*nb.Unit {
	list := make([]*nb.Unit, 0, len(t))
	for _, unit := range t {
		list = append(list, unit)
	}
	slices.SortFunc(list, func(a, b *nb.Unit) int {
		if ka, kb := slices.Index(nb.UnitKinds, a.Kind), slices.Index(nb.UnitKinds, b.Kind); ka != kb {
			return ka - kb
		}
		return int(a.ID - b.ID)
	})
	return list
}

// deskAct applies an action from the case page through the case service,
// which tells the group as for a chat command, then shows the case again.
func (s *Server) deskAct(w http.ResponseWriter, r *http.Request, u *deskUser) {
	id, err := caseID(r)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	cmd, err := parseCommand(r)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	if _, err := s.desk.cfg.Cases.Act(r.Context(), u.Actor, id, cmd); err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/desk/cases/"+strconv.FormatInt(id, 10)+"?done="+string(cmd.Action), http.StatusSeeOther)
}

// parseCommand reads an action's form into a command.
func parseCommand(r *http.Request) (nb.Command, error) {
	cmd := nb.Command{Action: nb.Action(r.PostFormValue("action")), Note: strings.TrimSpace(r.PostFormValue("note")),
		Category: strings.TrimSpace(r.PostFormValue("category"))}
	if !slices.Contains(deskActions, cmd.Action) {
		return cmd, nb.Errorf(nb.EINVALID, "unknown action %q", cmd.Action)
	}
	var err error
	if cmd.UnitID, err = formID(r, "unit"); err != nil {
		return cmd, err
	}
	if cmd.TargetID, err = formID(r, "target"); err != nil {
		return cmd, err
	}
	days, err := formID(r, "days")
	if err != nil {
		return cmd, err
	}
	cmd.Extend = time.Duration(days) * 24 * time.Hour
	switch {
	case (cmd.Action == nb.ActionAccept || cmd.Action == nb.ActionAssign || cmd.Action == nb.ActionWhistle) && cmd.UnitID == 0:
		return cmd, nb.Errorf(nb.EINVALID, "choose a unit")
	case cmd.Action == nb.ActionMerge && cmd.TargetID == 0:
		return cmd, nb.Errorf(nb.EINVALID, "merge needs another case")
	}
	return cmd, nil
}
