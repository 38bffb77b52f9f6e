package intake

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Example is one labelled message. Concern and Urgent are -1 when the
// column is absent; HasLocation tells whether the location column exists.
type Example struct {
	Line        int
	Text        string
	Concern     int
	Category    string
	Location    []string
	HasLocation bool
	Urgent      int
	// Weight counts the row this many times when the concern detector and
	// its calibration are trained (the weight column; 0 or absent means 1).
	Weight float64
	// addsNoFeatures: the row trains the concern detector with the features
	// the other rows give, and adds none of its own (the built-in natural
	// rows, builtin.go).
	addsNoFeatures bool
	// group > 0 names the group of files a natural row came from (its
	// file's index mod naturalGroups, plus one): grouped calibration
	// (calibrateConcernGrouped, through trainConfig.concernCalibration)
	// scores each group with a detector trained without it.
	group int
	// natW > 0 is the row's weight in the natural-only concern detector
	// (natural_mix.go); natY is its label there when Concern is -1 (a row
	// that trains that detector only).
	natW float64
	natY int
	// natUW > 0 is the row's weight in the natural-only urgency signal
	// (natural_urgent.go), natUY its urgent label there.
	natUW float64
	natUY int
	// privacy marks a natural row for the register prior
	// (register_prior.go): 2 a private text, 1 a row of another natural
	// file, 0 no natural row.
	privacy int8
}

// Dataset is a set of labelled messages read from TSV.
type Dataset struct {
	Examples []Example
	// HasConcern and HasUrgent report which optional columns were present.
	HasConcern, HasUrgent, HasLocation bool
}

// knownColumns are the TSV columns ReadTSV understands; others are ignored.
var knownColumns = map[string]bool{"text": true, "concern": true, "category": true, "label": true, "location": true, "urgent": true, "weight": true}

// ReadTSVFile reads a dataset file; see ReadTSV.
func ReadTSVFile(path string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open data: %w", err)
	}
	defer f.Close()
	ds, err := ReadTSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ds, nil
}

// ReadTSV reads UTF-8 TSV with a header row naming any of the columns text,
// concern (1/0, or "-" when unknown: the row then trains only the category
// model), category (or label), location (|-separated words as they appear)
// urgent (1/0) and weight (a positive number: how many times the row counts
// for the concern detector; default 1). Only text is required. Errors name
// the line.
func ReadTSV(r io.Reader) (*Dataset, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("line 1: %w", err)
		}
		return nil, fmt.Errorf("line 1: empty file, want a header row")
	}
	cols, err := parseHeader(strings.TrimPrefix(sc.Text(), "\ufeff"))
	if err != nil {
		return nil, fmt.Errorf("line 1: %w", err)
	}
	ds := &Dataset{}
	_, ds.HasConcern = cols["concern"]
	_, ds.HasUrgent = cols["urgent"]
	_, ds.HasLocation = cols["location"]
	for line := 2; sc.Scan(); line++ {
		raw := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(raw) == "" {
			continue
		}
		ex, err := parseRow(raw, cols, line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		ds.Examples = append(ds.Examples, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read data: %w", err)
	}
	return ds, nil
}

func parseHeader(h string) (map[string]int, error) {
	cols := map[string]int{}
	for i, name := range strings.Split(strings.TrimRight(h, "\r"), "\t") {
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := cols[name]; dup && knownColumns[name] {
			return nil, fmt.Errorf("duplicate column %q", name)
		}
		cols[name] = i
	}
	if _, ok := cols["text"]; !ok {
		return nil, fmt.Errorf("header has no text column (got %q)", h)
	}
	if _, ok := cols["label"]; ok {
		if _, ok := cols["category"]; !ok {
			cols["category"] = cols["label"]
		}
	}
	cols["_n"] = len(strings.Split(h, "\t"))
	return cols, nil
}

func parseRow(raw string, cols map[string]int, line int) (Example, error) {
	f := strings.Split(raw, "\t")
	if len(f) != cols["_n"] {
		return Example{}, fmt.Errorf("%d fields, header has %d", len(f), cols["_n"])
	}
	ex := Example{Line: line, Text: strings.TrimSpace(f[cols["text"]]), Concern: -1, Urgent: -1}
	if ex.Text == "" {
		return ex, fmt.Errorf("empty text")
	}
	var err error
	if i, ok := cols["concern"]; ok {
		if ex.Concern, err = parseFlag("concern", f[i]); err != nil {
			return ex, err
		}
	}
	if i, ok := cols["urgent"]; ok {
		if ex.Urgent, err = parseFlag("urgent", f[i]); err != nil {
			return ex, err
		}
	}
	if i, ok := cols["weight"]; ok {
		if ex.Weight, err = parseWeight(f[i]); err != nil {
			return ex, err
		}
	}
	if i, ok := cols["category"]; ok {
		ex.Category = strings.TrimSpace(f[i])
	}
	if i, ok := cols["location"]; ok {
		ex.HasLocation = true
		for _, w := range strings.Split(f[i], "|") {
			if w = strings.TrimSpace(w); w != "" {
				ex.Location = append(ex.Location, w)
			}
		}
	}
	return ex, nil
}

func parseFlag(name, v string) (int, error) {
	switch strings.TrimSpace(v) {
	case "1", "true", "yes":
		return 1, nil
	case "0", "false", "no", "":
		return 0, nil
	case "-":
		return -1, nil // unknown: the row trains only the category model
	}
	return 0, fmt.Errorf("%s must be 1 or 0, got %q", name, v)
}

// parseWeight reads a row weight: empty means 1.
func parseWeight(v string) (float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 1, nil
	}
	w, err := strconv.ParseFloat(v, 64)
	if err != nil || w <= 0 || w > 1000 {
		return 0, fmt.Errorf("weight must be a number in (0, 1000], got %q", v)
	}
	return w, nil
}

// weightOf is the row's weight for the concern detector (1 when unset).
func (ex Example) weightOf() float64 {
	if ex.Weight <= 0 {
		return 1
	}
	return ex.Weight
}
