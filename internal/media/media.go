// Package media reads the photos the bot keeps on disk under their content
// hash (WeChat's wechat.media_dir): a reference is "<sha256 hex>.<ext>",
// and nothing else is ever opened, so a reference can never name a path.
package media

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	nb "github.com/neighborbot/neighborbot"
)

// refRE is the form of a kept photo's name.
var refRE = regexp.MustCompile(`^[0-9a-f]{64}\.(jpg|png|gif|webp)$`)

// types are the content types of the kept photos, by extension.
var types = map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}

// Dir is a directory of photos kept under their content hash ("" = none).
type Dir string

// Valid reports whether ref is the name of a kept photo.
func Valid(ref string) bool { return refRE.MatchString(ref) }

// Path returns the file of photo ref, or ENOTFOUND when ref is not a kept
// photo's name or the directory is not set.
func (d Dir) Path(ref string) (string, error) {
	if d == "" || !Valid(ref) {
		return "", nb.Errorf(nb.ENOTFOUND, "no such photo")
	}
	return filepath.Join(string(d), ref), nil
}

// Open opens photo ref and returns it with its content type; ENOTFOUND
// when there is no such photo.
func (d Dir) Open(ref string) (*os.File, string, error) {
	path, err := d.Path(ref)
	if err != nil {
		return nil, "", err
	}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, "", nb.Errorf(nb.ENOTFOUND, "the photo is no longer kept")
	} else if err != nil {
		return nil, "", fmt.Errorf("open photo: %w", err)
	}
	return f, types[filepath.Ext(ref)], nil
}

// Photos opens the photos of the platforms that keep theirs on disk.
type Photos map[nb.Platform]Dir

// Serves reports whether the photos of platform can be opened.
func (p Photos) Serves(platform nb.Platform) bool { return p[platform] != "" }

// OpenPhoto opens photo ref of platform (web.DeskMedia).
func (p Photos) OpenPhoto(platform nb.Platform, ref string) (*os.File, string, error) {
	return p[platform].Open(ref)
}
