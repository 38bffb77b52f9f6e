package open311

import (
	"context"
	"net/http"

	nb "github.com/neighborbot/neighborbot"
)

// key returns the active API key whose value is given, or an EFORBIDDEN
// error saying what is wrong with it.
func (a *API) key(ctx context.Context, value string) (*nb.APIKey, error) {
	if value == "" {
		return nil, nb.Errorf(nb.EFORBIDDEN, "api_key required")
	}
	k, err := a.cfg.Keys.FindAPIKey(ctx, nb.HashAPIKey(value))
	switch {
	case nb.ErrorCode(err) == nb.ENOTFOUND:
		return nil, nb.Errorf(nb.EFORBIDDEN, "invalid api_key")
	case err != nil:
		return nil, err
	case !k.Active():
		return nil, nb.Errorf(nb.EFORBIDDEN, "api_key revoked")
	}
	return k, nil
}

// reader checks who reads: with an api_key, its key (the reader sees its
// unit's area); without one, nil if public reading is on. Otherwise it
// answers 403 and ok is false.
func (a *API) reader(w http.ResponseWriter, r *http.Request, f format) (key *nb.APIKey, ok bool) {
	value := r.URL.Query().Get("api_key")
	if value == "" && a.cfg.PublicRead {
		return nil, true
	}
	k, err := a.key(r.Context(), value)
	if err != nil {
		a.fail(w, f, err)
		return nil, false
	}
	return k, true
}
