package config

import "fmt"

// Open311 configures the Open311 GeoReport v2 API under /open311/v2/.
type Open311 struct {
	Enabled bool `yaml:"enabled"`
	// PublicRead lets clients without an API key list and read requests
	// (of every unit; texts masked). With a key, a client sees its unit's area.
	PublicRead bool `yaml:"public_read"`
	// Contact is shown in the discovery document (who runs the API).
	Contact string `yaml:"contact"`
	// MaxPerHour is how many requests one API key may create in an hour
	// (0 = no limit): a client cannot flood its unit's group.
	MaxPerHour int `yaml:"max_per_hour"`
}

// problems checks the Open311 settings.
func (o Open311) problems(ps *problems) {
	if o.MaxPerHour < 0 {
		ps.add("open311.max_per_hour", "%d must be 0 (no limit) or more", o.MaxPerHour)
	}
}

// Metrics configures the Prometheus endpoint /metrics.
type Metrics struct {
	Enabled bool `yaml:"enabled"`
	// TokenFile holds a token scrapers must send as "Authorization: Bearer
	// TOKEN"; without one, /metrics answers clients on loopback only.
	TokenFile string `yaml:"token_file"`
	Token     string `yaml:"-"` // read from TokenFile by Load; never logged
}

// loadToken reads the metrics token from its file, if one is named.
func (m *Metrics) loadToken() error {
	if m.TokenFile == "" {
		return nil
	}
	tok, err := readSecretFile(m.TokenFile)
	if err != nil {
		return fmt.Errorf("config: metrics.token_file: %w", err)
	}
	m.Token = tok
	return nil
}
