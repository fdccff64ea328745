package dataset

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

//go:embed casetypes.yaml
var caseTypesFile []byte

// CaseTypes are the case types of the default dataset (casetypes.yaml),
// each checked by casework.CaseType.Validate, at version 1.
func CaseTypes() ([]casework.CaseType, error) { return parseCaseTypes(caseTypesFile) }

// parseCaseTypes reads a case types file: YAML written with casework's
// JSON field names (its x- keys hold the anchors the types share).
func parseCaseTypes(raw []byte) ([]casework.CaseType, error) {
	var file struct {
		CaseTypes []any `yaml:"case_types"`
	}
	if err := yaml.NewDecoder(bytes.NewReader(raw)).Decode(&file); err != nil {
		return nil, fmt.Errorf("case types: %w", err)
	}
	out := make([]casework.CaseType, 0, len(file.CaseTypes))
	seen := map[string]bool{}
	for i, v := range file.CaseTypes {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("case type %d: %w", i+1, err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var t casework.CaseType
		if err := dec.Decode(&t); err != nil {
			return nil, fmt.Errorf("case type %d: %w", i+1, err)
		}
		if err := t.Validate(); err != nil {
			return nil, fmt.Errorf("case type %q: %s", t.ID, problems(err))
		}
		if seen[t.Mission+"/"+t.ID] {
			return nil, fmt.Errorf("case type %q of %s is written twice", t.ID, t.Mission)
		}
		seen[t.Mission+"/"+t.ID] = true
		t.Version = 1
		out = append(out, t)
	}
	return out, nil
}

// problems is every fault a case type's check found, in its words.
func problems(err error) string {
	var out []string
	for _, e := range chancery.Errors(err) {
		out = append(out, fmt.Sprint(e.Data["Problem"]))
	}
	return strings.Join(out, "; ")
}
