package store

import (
	"database/sql"
	"errors"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

const personColumns = `p.id, p.name, p.created_at`

func scanPerson(row scanner) (*nb.Person, error) {
	var p nb.Person
	err := row.Scan(&p.ID, &p.Name, scanTime(&p.CreatedAt))
	return &p, err
}

// EnsurePerson returns the person behind a platform identity, creating both
// if new. A changed display name is stored on the identity, and becomes the
// person's name too unless that name was set otherwise.
func (tx *tx) EnsurePerson(p nb.Platform, externalID, displayName string) (*nb.Person, error) {
	person, err := tx.ensurePerson(p, externalID, displayName)
	if err == nil {
		tx.personSeen = seen(person.ID, person.CreatedAt)
	}
	return person, err
}

func (tx *tx) ensurePerson(p nb.Platform, externalID, displayName string) (*nb.Person, error) {
	var person nb.Person
	var oldName string
	var granted bool
	tx.noGrants = 0
	var err error
	if r := &tx.lastPerson; r.writes == tx.writes && r.person.ID != 0 && r.platform == p && r.externalID == externalID {
		person, oldName, granted = r.person, r.displayName, r.granted // read already, nothing written since
	} else {
		err = tx.queryRow(`SELECT `+personColumns+`, i.display_name,
			EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id)
			FROM identities i JOIN persons p ON p.id = i.person_id
			WHERE i.platform = ? AND i.external_id = ?`, p, externalID).Scan(&person.ID, &person.Name,
			scanTime(&person.CreatedAt), &oldName, &granted)
		if err == nil {
			tx.lastPerson = personRead{p, externalID, person, oldName, granted, tx.writes}
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		created, err := tx.createPerson(p, externalID, displayName)
		if err == nil {
			tx.noGrants = created.ID // a new person holds no role
		}
		return created, err
	} else if err != nil {
		return nil, fmt.Errorf("find identity: %w", err)
	}
	if !granted {
		tx.noGrants = person.ID
	}
	if displayName == "" || displayName == oldName {
		return &person, nil // the usual case: one read
	}
	if err := tx.rename(p, externalID, person.ID, oldName, displayName); err != nil {
		return nil, err
	}
	return tx.FindPersonByID(person.ID)
}

// personRead is an identity and its person as ensurePerson read them,
// while the transaction's count of writes was writes (see chatRead).
type personRead struct {
	platform    nb.Platform
	externalID  string
	person      nb.Person
	displayName string
	granted     bool // holds a role grant
	writes      int
}

func (tx *tx) createPerson(p nb.Platform, externalID, displayName string) (*nb.Person, error) {
	person := &nb.Person{Name: displayName, CreatedAt: tx.Now()}
	err := tx.queryRow(`INSERT INTO persons (name, created_at) VALUES (?, ?) RETURNING id`,
		person.Name, toMillis(person.CreatedAt)).Scan(&person.ID)
	if err != nil {
		return nil, fmt.Errorf("insert person: %w", err)
	}
	// ON CONFLICT: on PostgreSQL, an identity another transaction created
	// after this one read (the same sender in two chats handled at once)
	// fails this one with a serialization failure, and it runs again and
	// finds it, where a plain INSERT would fail the message with a unique
	// violation.
	res, err := tx.exec(`INSERT INTO identities (platform, external_id, person_id, display_name, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING`,
		p, externalID, person.ID, displayName, toMillis(person.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("insert identity: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return nil, errors.Join(fmt.Errorf("insert identity: %s %s exists already", p, externalID), err)
	}
	return person, nil
}

func (tx *tx) rename(p nb.Platform, externalID string, personID int64, oldName, newName string) error {
	if _, err := tx.exec(`UPDATE identities SET display_name = ? WHERE platform = ? AND external_id = ?`,
		newName, p, externalID); err != nil {
		return fmt.Errorf("update identity: %w", err)
	}
	if _, err := tx.exec(`UPDATE persons SET name = ? WHERE id = ? AND name = ?`,
		newName, personID, oldName); err != nil {
		return fmt.Errorf("update person: %w", err)
	}
	return nil
}

// FindPersonByID returns the person with id.
func (tx *tx) FindPersonByID(id int64) (*nb.Person, error) {
	p, err := scanPerson(tx.queryRow(`SELECT `+personColumns+` FROM persons p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find person: %w", err)
	}
	return p, nil
}

// FindPersonByIdentity returns the person behind a platform identity.
func (tx *tx) FindPersonByIdentity(p nb.Platform, externalID string) (*nb.Person, error) {
	person, err := scanPerson(tx.queryRow(`SELECT `+personColumns+` FROM persons p
		JOIN identities i ON i.person_id = p.id WHERE i.platform = ? AND i.external_id = ?`, p, externalID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person %q not found", externalID)
	} else if err != nil {
		return nil, fmt.Errorf("find person: %w", err)
	}
	return person, nil
}

func scanIdentity(row scanner) (*nb.Identity, error) {
	var i nb.Identity
	err := row.Scan(&i.PersonID, &i.Platform, &i.ExternalID, &i.DisplayName, &i.PrivateChatID)
	return &i, err
}

// FindIdentity returns one platform identity.
func (tx *tx) FindIdentity(p nb.Platform, externalID string) (*nb.Identity, error) {
	i, err := scanIdentity(tx.queryRow(`SELECT person_id, platform, external_id, display_name, private_chat
		FROM identities WHERE platform = ? AND external_id = ?`, p, externalID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("identity %q not found", externalID)
	} else if err != nil {
		return nil, fmt.Errorf("find identity: %w", err)
	}
	return i, nil
}

// ListIdentities returns the identities on platform p, by person.
func (tx *tx) ListIdentities(p nb.Platform) ([]*nb.Identity, error) {
	list, err := queryList(tx, scanIdentity, `SELECT person_id, platform, external_id, display_name, private_chat
		FROM identities WHERE platform = ? ORDER BY person_id, external_id`, p)
	if err != nil {
		return nil, fmt.Errorf("list identities: %w", err)
	}
	return list, nil
}

// SetPrivateChat records the private chat an identity writes to the bot
// from; it writes only when the chat changed.
func (tx *tx) SetPrivateChat(p nb.Platform, externalID, chatID string) error {
	_, err := tx.exec(`UPDATE identities SET private_chat = ?
		WHERE platform = ? AND external_id = ? AND private_chat <> ?`, chatID, p, externalID, chatID)
	if err != nil {
		return fmt.Errorf("set private chat: %w", err)
	}
	return nil
}

// ListReachable returns the identities on platform p, with a private chat,
// of the people who hold role with a scope of exactly unitID.
func (tx *tx) ListReachable(role nb.Role, unitID int64, p nb.Platform) ([]*nb.Identity, error) {
	list, err := queryList(tx, scanIdentity, `SELECT i.person_id, i.platform, i.external_id, i.display_name,
		i.private_chat FROM identities i JOIN role_grants g ON g.person_id = i.person_id
		WHERE g.role = ? AND g.unit_id = ? AND i.platform = ? AND i.private_chat <> ''
		ORDER BY i.person_id, i.external_id`, role, unitID, p)
	if err != nil {
		return nil, fmt.Errorf("list reachable: %w", err)
	}
	return list, nil
}

// ListReachableIn returns, in one query, the identities on platform p,
// with a private chat, of the people who hold one of roles with a scope of
// exactly one of unitIDs.
func (tx *tx) ListReachableIn(roles []nb.Role, unitIDs []int64, p nb.Platform) ([]*nb.Reachable, error) {
	if len(roles) == 0 || len(unitIDs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(roles)+len(unitIDs)+1)
	for _, r := range roles {
		args = append(args, r)
	}
	for _, u := range unitIDs {
		args = append(args, u)
	}
	args = append(args, p)
	list, err := queryList(tx, func(row scanner) (*nb.Reachable, error) {
		var r nb.Reachable
		err := row.Scan(&r.PersonID, &r.Platform, &r.ExternalID, &r.DisplayName, &r.PrivateChatID, &r.Role, &r.UnitID)
		return &r, err
	}, `SELECT i.person_id, i.platform, i.external_id, i.display_name, i.private_chat, g.role, g.unit_id
		FROM role_grants g JOIN identities i ON i.person_id = g.person_id
		WHERE g.role IN (`+placeholders(len(roles))+`) AND g.unit_id IN (`+placeholders(len(unitIDs))+`)
		AND i.platform = ? AND i.private_chat <> '' ORDER BY i.person_id, i.external_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list reachable: %w", err)
	}
	return list, nil
}

// GrantRole gives a person a role within a unit; granting it again does
// nothing.
func (tx *tx) GrantRole(g nb.RoleGrant) error {
	if !g.Role.Valid() {
		return nb.Errorf(nb.EINVALID, "unknown role %q", g.Role)
	}
	tx.noGrants = 0
	_, err := tx.exec(`INSERT INTO role_grants (person_id, role, unit_id, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (person_id, role, unit_id) DO NOTHING`, g.PersonID, g.Role, g.UnitID, toMillis(tx.Now()))
	if tx.isForeignKey(err) {
		return notFound("person %d not found", g.PersonID)
	} else if err != nil {
		return fmt.Errorf("grant role: %w", err)
	}
	return nil
}

const grantColumns = `person_id, role, unit_id, created_at`

func scanGrant(row scanner) (nb.RoleGrant, error) {
	var g nb.RoleGrant
	err := row.Scan(&g.PersonID, &g.Role, &g.UnitID, scanTime(&g.CreatedAt))
	return g, err
}

// ListGrants returns a person's role grants, oldest first. For the person
// EnsurePerson just found without any (most messages' senders: residents),
// it asks the database nothing.
func (tx *tx) ListGrants(personID int64) ([]nb.RoleGrant, error) {
	if personID != 0 && personID == tx.noGrants {
		return nil, nil
	}
	list, err := queryList(tx, scanGrant, `SELECT `+grantColumns+` FROM role_grants
		WHERE person_id = ? ORDER BY created_at, role, unit_id`, personID)
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	return list, nil
}

// ListGrantees returns the grants of role whose scope is exactly unitID, by
// person.
func (tx *tx) ListGrantees(role nb.Role, unitID int64) ([]nb.RoleGrant, error) {
	list, err := queryList(tx, scanGrant, `SELECT `+grantColumns+` FROM role_grants
		WHERE role = ? AND unit_id = ? ORDER BY person_id`, role, unitID)
	if err != nil {
		return nil, fmt.Errorf("list grantees: %w", err)
	}
	return list, nil
}

// RevokeRole takes a grant back; ENOTFOUND if the person did not hold it.
func (tx *tx) RevokeRole(g nb.RoleGrant) error {
	tx.noGrants = 0
	err := tx.execOne(notFound("no %s grant for person %d in unit %d", g.Role, g.PersonID, g.UnitID),
		`DELETE FROM role_grants WHERE person_id = ? AND role = ? AND unit_id = ?`, g.PersonID, g.Role, g.UnitID)
	if err != nil && nb.ErrorCode(err) != nb.ENOTFOUND {
		return fmt.Errorf("revoke role: %w", err)
	}
	return err
}

// ListAllGrants returns every role grant, by scope then person.
func (tx *tx) ListAllGrants() ([]nb.RoleGrant, error) {
	list, err := queryList(tx, scanGrant, `SELECT `+grantColumns+` FROM role_grants
		ORDER BY unit_id, person_id, role`)
	if err != nil {
		return nil, fmt.Errorf("list all grants: %w", err)
	}
	return list, nil
}
