package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
)

// setupWorkers is how many set-up requests run at once.
const setupWorkers = 8

// prepareURL finds the grid units of a running server and makes sure each
// community's officer exists (POST /api/sandbox/people is idempotent).
func prepareURL(ctx context.Context, cl *client) ([]gridUnit, error) {
	var units []apiUnit
	if err := cl.do(ctx, http.MethodGet, "/api/sandbox/units", nil, http.StatusOK, &units, postTimeout); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	grids := gridsOf(units)
	if len(grids) == 0 {
		return nil, errors.New("the server has no grid unit inside a community: add some with \"neighborbot unit add\", or use -spawn")
	}
	done := map[string]bool{}
	for _, g := range grids {
		if done[g.officer] {
			continue
		}
		done[g.officer] = true
		body := map[string]string{"name": g.officer, "role": "officer", "unit": g.community}
		if err := cl.do(ctx, http.MethodPost, "/api/sandbox/people", body, http.StatusCreated, nil, postTimeout); err != nil {
			return nil, fmt.Errorf("officer %s: %w", g.officer, err)
		}
	}
	return grids, nil
}

// planGroups names n groups bound round-robin to grids and their residents.
func planGroups(n, residents int, grids []gridUnit) []*group {
	groups := make([]*group, n)
	for i := range groups {
		names := make([]string, residents)
		for m := range names {
			names[m] = residentName(i, m, residents)
		}
		groups[i] = newGroup(groupTitle(i), grids[i%len(grids)], names)
		groups[i].chat = chatOf(i)
	}
	return groups
}

// createGroups creates n groups bound round-robin to grids, through
// POST /api/sandbox/chats; a group that exists already (409) is used as it is.
func createGroups(ctx context.Context, cl *client, n, residents int, grids []gridUnit) ([]*group, error) {
	groups := planGroups(n, residents, grids)
	work := make(chan *group)
	errs := make(chan error, setupWorkers)
	var wg sync.WaitGroup
	for range setupWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range work {
				body := map[string]string{"title": g.title, "unit": g.grid.name}
				err := cl.do(ctx, http.MethodPost, "/api/sandbox/chats", body, http.StatusCreated, nil, postTimeout)
				var se *statusError
				if err != nil && !(errors.As(err, &se) && se.code == http.StatusConflict) {
					errs <- fmt.Errorf("create group %s: %w", g.title, err)
					return
				}
			}
		}()
	}
	var err error
loop:
	for _, g := range groups {
		select {
		case work <- g:
		case err = <-errs:
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(work)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return groups, err
}
