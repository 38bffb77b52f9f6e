package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/internal/password"
	"github.com/neighborbot/neighborbot/store"
)

// runUser implements "user passwd NAME": sets the password with which a
// person who holds a staff role logs in to the officers' desk. The
// password is read from standard input (without echo on a terminal).
func runUser(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 || args[0] != "passwd" {
		return fmt.Errorf("%w: user passwd NAME", errUsage)
	}
	fs, path := newFlags("user passwd", sys)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 || strings.TrimSpace(fs.Arg(0)) == "" {
		return fmt.Errorf("%w: user passwd NAME (the person's name, as in neighborbot person list)", errUsage)
	}
	name := strings.TrimSpace(fs.Arg(0))
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		var person *nb.Person
		err := db.View(ctx, func(tx nb.Tx) (err error) {
			person, err = findStaff(tx, name)
			return err
		})
		if err != nil {
			return fmt.Errorf("user passwd: %s", explain(err))
		}
		pw, err := readPassword(sys)
		if err != nil {
			return err
		}
		hash, err := password.Hash(pw)
		if err != nil {
			return fmt.Errorf("user passwd: %s", explain(err))
		}
		var ended int64
		err = db.Update(ctx, func(tx nb.Tx) error {
			if err := tx.PutAccount(&nb.Account{PersonID: person.ID, Login: name, PasswordHash: hash}); err != nil {
				return err
			}
			ended, err = tx.DeleteSessions(person.ID) // a new password logs every browser out
			return err
		})
		if err != nil {
			return fmt.Errorf("user passwd: %s", explain(err))
		}
		fmt.Fprintf(sys.Out, "password set: %s can log in to the desk (/desk/) as %q", name, name)
		if ended > 0 {
			fmt.Fprintf(sys.Out, "; %d earlier login(s) ended", ended)
		}
		fmt.Fprintln(sys.Out)
		return nil
	})
}

// findStaff returns the one person called name who holds a staff role.
func findStaff(tx nb.Tx, name string) (*nb.Person, error) {
	grants, err := tx.ListAllGrants()
	if err != nil {
		return nil, err
	}
	var found []*nb.Person
	for _, g := range grants {
		if !slices.Contains(nb.DeskRoles, g.Role) || slices.ContainsFunc(found, func(p *nb.Person) bool { return p.ID == g.PersonID }) {
			continue
		}
		p, err := tx.FindPersonByID(g.PersonID)
		if err != nil {
			return nil, err
		}
		if p.Name == name {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, nb.Errorf(nb.ENOTFOUND, "nobody called %s holds an officer, grid worker, department or admin role "+
			"(see neighborbot person list)", name)
	case 1:
		return found[0], nil
	}
	return nil, nb.Errorf(nb.ECONFLICT, "%d people called %s hold a staff role; they can log in with #登录 in a private chat instead",
		len(found), name)
}

// readPassword reads the password: asked twice without echo on a
// terminal, else the first line of standard input.
func readPassword(sys IO) (string, error) {
	if f, ok := sys.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(sys.Err, "new password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(sys.Err)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(sys.Err, "again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(sys.Err)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		} else if string(a) != string(b) {
			return "", fmt.Errorf("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(sys.In).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password on standard input")
	}
	return line, nil
}
