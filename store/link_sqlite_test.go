package store

import (
	"slices"
	"testing"
	"time"
)

// TestMergeCoversEveryReference: every column of the schema that points at
// persons is moved by mergePerson, so that linking two accounts never
// leaves a row pointing at the person it deletes (a migration that adds
// one must add it to personRefs or personKeyed).
func TestMergeCoversEveryReference(t *testing.T) {
	db := openTestDB(t, time.Now)
	rows, err := db.reader.Query(`SELECT m.name, f."from" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'persons' ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var handled []string
	for _, r := range personRefs {
		handled = append(handled, r[0]+"."+r[1])
	}
	for _, k := range personKeyed {
		handled = append(handled, k.table+".person_id")
	}
	for _, table := range append([]string{"accounts"}, personDropped...) {
		handled = append(handled, table+".person_id")
	}
	n := 0
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		n++
		if !slices.Contains(handled, table+"."+column) {
			t.Errorf("%s.%s references persons but mergePerson does not move it", table, column)
		}
	}
	if err := rows.Err(); err != nil || n < 8 {
		t.Fatalf("found %d references to persons (%v); the query is broken", n, err)
	}
}
