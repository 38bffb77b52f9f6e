package store

// MigrationNames returns the file names of the embedded migrations in
// order: the one at index i brings the schema to version i+1.
func MigrationNames() []string {
	list, err := migrations()
	if err != nil {
		return nil
	}
	names := make([]string, len(list))
	for i, m := range list {
		names[i] = m.name
	}
	return names
}
