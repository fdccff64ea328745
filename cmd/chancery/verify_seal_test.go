package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/seal"
)

// TestVerifySealCommand: a code checks offline against a saved copy of
// the published keys, and against the database's keys; after the key is
// rotated (rotate-seal-key) the old code still checks; a changed code is
// refused.
func TestVerifySealCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	db, err := cfg.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	key, _, err := db.SealKey(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, err := seal.Sign(seal.Record{Mission: "by-cg-chongqing", CaseType: "return-certificate", Result: "issued", Ref: "7F3K-9QXA",
		Holder: "IVANOU I. I.", Issued: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, key.Private)
	if err != nil {
		t.Fatal(err)
	}
	set, err := documents.New(db, "", nil, nil).Keys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, _ := json.Marshal(set)
	file := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	check := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"verify-seal"}, args...), env(cfg), nil, &out, &out)
		return out.String(), err
	}
	if out, err := check(code, "-keys", file); err != nil || !strings.Contains(out, "the seal holds") || !strings.Contains(out, "IVANOU I. I.") {
		t.Errorf("offline: %v\n%s", err, out)
	}
	if out, err := check(code); err != nil || !strings.Contains(out, "the seal holds") {
		t.Errorf("from the database: %v\n%s", err, out)
	}
	tampered := strings.Replace(code, code[30:31], map[bool]string{true: "B", false: "A"}[code[30] == 'A'], 1)
	if _, err := check(tampered, "-keys", file); err == nil {
		t.Error("a changed code holds")
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"rotate-seal-key"}, env(cfg), nil, &out, &out); err != nil || !strings.Contains(out.String(), "now signed with key") {
		t.Fatalf("rotate: %v %s", err, out.String())
	}
	if out, err := check(code); err != nil {
		t.Errorf("the old key's code after rotation: %v\n%s", err, out)
	}
}
