package config

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSampleLoadsAsDefault(t *testing.T) {
	path := writeFile(t, "sample.yaml", string(SampleYAML()))
	c, err := Load(path, env(nil))
	if err != nil {
		t.Fatalf("Load(sample): %v", err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("sample differs from Default():\n got %+v\nwant %+v", c, Default())
	}
}

// TestSampleCoversEveryKey checks that each key of Config appears in the
// sample, set or commented out, so the sample documents them all.
func TestSampleCoversEveryKey(t *testing.T) {
	c := Default()
	c.Categories = []Category{{}}
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var all, set yaml.Node
	if err := yaml.Unmarshal(out, &all); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(SampleYAML(), &set); err != nil {
		t.Fatal(err)
	}
	setKeys := keyPaths(&set, "")
	commented := []string{"sandbox.enabled", "telegram.token", "sandbox.allowed_hosts", "categories", "categories.name", "categories.keywords",
		"categories.owner_kind", "categories.priority"}
	text := string(SampleYAML())
	for _, k := range keyPaths(&all, "") {
		switch {
		case slices.Contains(setKeys, k):
		case slices.Contains(commented, k):
			leaf := k[strings.LastIndex(k, ".")+1:]
			if !strings.Contains(text, "# "+leaf+":") && !strings.Contains(text, "#   - "+leaf+":") &&
				!strings.Contains(text, "#     "+leaf+":") {
				t.Errorf("sample does not mention %s even as a comment", k)
			}
		default:
			t.Errorf("sample lacks key %s", k)
		}
	}
}

// keyPaths lists the dotted mapping keys under n; sequence items share a path.
func keyPaths(n *yaml.Node, prefix string) []string {
	var keys []string
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			keys = append(keys, keyPaths(c, prefix)...)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := prefix + n.Content[i].Value
			keys = append(keys, k)
			keys = append(keys, keyPaths(n.Content[i+1], k+".")...)
		}
	}
	return keys
}

func TestSampleYAMLIsACopy(t *testing.T) {
	b := SampleYAML()
	b[0] = 'X'
	if SampleYAML()[0] == 'X' {
		t.Error("SampleYAML returns the embedded slice itself")
	}
}

func TestWriteSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "neighborbot.yaml")
	if err := WriteSample(path); err != nil {
		t.Fatalf("WriteSample: %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %o, want 600", perm)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, SampleYAML()) {
		t.Error("written file differs from SampleYAML()")
	}

	if err := os.WriteFile(path, []byte("mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = WriteSample(path)
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second WriteSample = %v, want an already-exists error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine\n" {
		t.Errorf("existing file was changed to %q", got)
	}

	if err := WriteSample(filepath.Join(t.TempDir(), "no", "dir.yaml")); err == nil {
		t.Error("WriteSample into a missing directory succeeded")
	}
}

// TestSampleDescribesOnlyWhatExists: every variable the sample names is
// read, every variable read is named, nothing that is not there yet
// (invitation links) is promised.
func TestSampleDescribesOnlyWhatExists(t *testing.T) {
	sample := string(SampleYAML())
	known := map[string]bool{"NEIGHBORBOT_CONFIG": true}
	for _, e := range envVars {
		known[e.name] = true
		if !strings.Contains(sample, e.name) {
			t.Errorf("the sample does not name %s (%s)", e.name, e.key)
		}
	}
	for _, name := range regexp.MustCompile(`NEIGHBORBOT_\w+`).FindAllString(sample, -1) {
		if !known[name] {
			t.Errorf("the sample names %s, which nothing reads", name)
		}
	}
	for _, promise := range []string{"invitation link", "邀请链接"} {
		if strings.Contains(sample, promise) {
			t.Errorf("the sample promises %q, which does not exist", promise)
		}
	}
}
