package config

import (
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Setting is one effective setting: its YAML key (dotted), its value as
// YAML with secrets redacted, and where it came from: "default", "file",
// an environment variable's name, or "derived" (set from other settings).
type Setting struct {
	Key, Value, Source string
}

// Explain loads the configuration as Load does and lists every setting
// with its value (secrets redacted) and its source, in file order.
func Explain(path string, getenv func(string) string) ([]Setting, error) {
	c, err := Load(path, getenv)
	if err != nil {
		return nil, err
	}
	inFile := map[string]bool{}
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
		for _, kv := range flatten(&doc, "") {
			inFile[kv[0]] = true
		}
	}
	def := Default()
	defaults := map[string]string{}
	for _, kv := range flattenConfig(def) {
		defaults[kv[0]] = kv[1]
	}
	fromEnv, _ := def.applyEnv(getenv) // the variables Load applied
	var out []Setting
	for _, kv := range flattenConfig(c.Redacted()) {
		s := Setting{Key: kv[0], Value: kv[1], Source: "default"}
		switch {
		case fromEnv[s.Key] != "":
			s.Source = fromEnv[s.Key]
		case inFile[s.Key]:
			s.Source = "file"
		case s.Value != defaults[s.Key]:
			s.Source = "derived"
		}
		out = append(out, s)
	}
	return out, nil
}

// flattenConfig lists c's settings as dotted key and YAML value pairs.
func flattenConfig(c Config) [][2]string {
	var n yaml.Node
	if err := n.Encode(c); err != nil {
		panic(err) // Config always encodes
	}
	return flatten(&n, "")
}

// flatten walks a YAML tree: mappings give dotted keys, anything else is a
// value (a list in flow style on one line).
func flatten(n *yaml.Node, prefix string) [][2]string {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return flatten(n.Content[0], prefix)
	}
	if n.Kind != yaml.MappingNode {
		setFlow(n)
		b, _ := yaml.Marshal(n)
		return [][2]string{{prefix, strings.TrimSpace(string(b))}}
	}
	var out [][2]string
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if prefix != "" {
			key = prefix + "." + key
		}
		out = append(out, flatten(n.Content[i+1], key)...)
	}
	return out
}

// setFlow makes n and everything in it print on one line.
func setFlow(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode {
		n.Style = yaml.FlowStyle
	}
	for _, c := range n.Content {
		setFlow(c)
	}
}
