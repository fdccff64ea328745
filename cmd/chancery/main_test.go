package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"github.com/chancery-platform/chancery/dataset"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestMain drops the template databases the tests copy when they end.
// Started with servingEnv set, the test binary is the chancery command
// instead, so that a test can run the server as a process of its own.
func TestMain(m *testing.M) {
	if os.Getenv(servingEnv) != "" {
		main()
		os.Exit(0)
	}
	os.Exit(storetest.Run(m))
}

// testConfig is a configuration on a fresh database of the engine under
// test: on SQLite a file the app creates under its data folder, on
// PostgreSQL a migrated database without data.
func testConfig(t *testing.T) Config {
	cfg := Config{Addr: "127.0.0.1:0", Data: t.TempDir(), Cookies: "auto"}
	if os.Getenv(storetest.EnvPostgres) != "" {
		cfg.DB = storetest.Migrated.DSN(t)
		cfg.DataKey = base64.StdEncoding.EncodeToString(storetest.DataKey) // PostgreSQL needs one
	}
	return cfg
}

func env(cfg Config) func(string) string {
	return func(k string) string {
		switch k {
		case "CHANCERY_DATA":
			return cfg.Data
		case "CHANCERY_DB":
			return cfg.DB
		case "CHANCERY_DATA_KEY":
			return cfg.DataKey
		}
		return ""
	}
}

func TestFirstStartSeedsAndCreatesAdmin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	var out bytes.Buffer
	app, err := NewApp(ctx, cfg, &out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if !strings.Contains(out.String(), `created the staff account "admin"`) {
		t.Fatalf("first start did not announce the admin account:\n%s", out.String())
	}
	res, err := http.Get(app.URL() + "/missions/by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("mission page: %d", res.StatusCode)
	}
	// A second start on the same database neither re-seeds nor makes another admin.
	app.Close()
	out.Reset()
	again, err := NewApp(ctx, cfg, &out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer again.DB.Close()
	if out.Len() != 0 {
		t.Fatalf("second start printed %q", out.String())
	}
	if cfg.DB == "" {
		if _, err := os.Stat(filepath.Join(cfg.Data, "chancery.db")); err != nil {
			t.Fatalf("no SQLite file under the data folder: %v", err)
		}
	}
}

func TestImportCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	file := filepath.Join(t.TempDir(), "dataset.yaml")
	var out bytes.Buffer
	if err := run(ctx, []string{"export-default"}, env(cfg), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, out.Bytes(), 0o600)
	out.Reset()
	if err := run(ctx, []string{"import", file}, env(cfg), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 deleted") || strings.Contains(out.String(), " 0 created") {
		t.Fatalf("first import: %s", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"import", file}, env(cfg), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 created, 0 updated, 0 deleted") {
		t.Fatalf("re-import changed something: %s", out.String())
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("version: x\nmissions:\n  - id: Not A Slug\n"), 0o600)
	err := run(ctx, []string{"import", bad}, env(cfg), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") || !strings.Contains(err.Error(), "missions[0]") {
		t.Fatalf("bad file: %v", err)
	}
}

// seededConfig is a test configuration whose database holds the default
// dataset, imported with the import command, and a folder for files.
func seededConfig(t *testing.T) (Config, string) {
	t.Helper()
	cfg := testConfig(t)
	dir := t.TempDir()
	seed := filepath.Join(dir, "dataset.yaml")
	os.WriteFile(seed, dataset.DefaultBytes(), 0o600)
	if err := run(context.Background(), []string{"import", seed}, env(cfg), nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	return cfg, dir
}

// TestImportTradeCommand: a customs-shaped CSV imports all or nothing,
// once, with its progress on standard error.
func TestImportTradeCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, dir := seededConfig(t)
	good := filepath.Join(dir, "cq-by.csv")
	os.WriteFile(good, []byte("period,flow,value,currency,change\n2024-01/2024-10,total,1450000,USD,103.5\n2024-01/2024-10,import,900000,USD,\n"), 0o600)
	var out, progress bytes.Buffer
	if err := run(ctx, []string{"import-trade", "ichongqing-2021-02-01", good}, env(cfg), nil, &out, &progress); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 figures: 2 created") || !strings.Contains(progress.String(), "2 of 2 figures") {
		t.Fatalf("first import: %q, progress %q", out.String(), progress.String())
	}
	out.Reset()
	if err := run(ctx, []string{"import-trade", "ichongqing-2021-02-01", good}, env(cfg), nil, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "0 created, 0 updated, 2 unchanged") {
		t.Fatalf("again: %q %v", out.String(), err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("period,flow,value,currency\n2023,total,5,CNY\n2023,total,-5,CNY\n"), 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import-trade", "ichongqing-2021-02-01", bad}, "row 3: value: the value -5 is negative"},
		{[]string{"import-trade", "no-such-source", good}, "no-such-source"},
	} {
		err := run(ctx, c.args, env(cfg), nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "nothing was imported") || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("%v: %v", c.args, err)
		}
	}
}

// TestRecordCommands: the record exports as JSON and imports back
// unchanged; a CSV of one kind imports all or nothing, naming the row.
func TestRecordCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, dir := seededConfig(t)
	var exported bytes.Buffer
	if err := run(ctx, []string{"export-record"}, env(cfg), nil, &exported, io.Discard); err != nil || !strings.Contains(exported.String(), `"kapyl-district"`) {
		t.Fatalf("export: %v", err)
	}
	doc := filepath.Join(dir, "record.json")
	os.WriteFile(doc, exported.Bytes(), 0o600)
	var out, progress bytes.Buffer
	if err := run(ctx, []string{"import-record", doc}, env(cfg), nil, &out, &progress); err != nil ||
		!strings.Contains(out.String(), "0 created, 0 updated") || !strings.Contains(progress.String(), "records checked") ||
		!strings.Contains(progress.String(), "records written") {
		t.Fatalf("re-import: %q %q %v", out.String(), progress.String(), err)
	}
	csv := filepath.Join(dir, "places.csv")
	os.WriteFile(csv, []byte("id,kind,name.en,citations[].source,citations[].quote\npinsk,place,Pinsk,ichongqing-2021-02-01,Pinsk\nbrest,place,Brest,nowhere,Brest\n"), 0o600)
	err := run(ctx, []string{"import-record", csv, "entity"}, env(cfg), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "Row 3 (brest)") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("bad row: %v", err)
	}
}

func TestCreateUserCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	var out bytes.Buffer
	err := run(ctx, []string{"admin", "create-user", "-username", "li.consul", "-role", "consul", "-password-stdin"}, env(cfg),
		strings.NewReader("a sufficiently long password\n"), &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "created li.consul (consul)") {
		t.Fatalf("%v: %s", err, out.String())
	}
	err = run(ctx, []string{"admin", "create-user", "-username", "x", "-role", "king"}, env(cfg), nil, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("a bad username and role were accepted")
	}
	out.Reset()
	if err := run(ctx, []string{"admin", "create-user", "-username", "officer.wang"}, env(cfg), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "password: ") {
		t.Fatalf("a generated password must be printed once: %s", out.String())
	}
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"serve", "-db", "mysql://x"}, {"serve", "-cookies", "sometimes"}, {"frobnicate"}} {
		if err := run(context.Background(), args, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

func TestCheckDB(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	var out bytes.Buffer
	if err := run(ctx, []string{"check-db"}, env(cfg), nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "can be reached") {
		t.Fatalf("check-db: %v %q", err, out.String())
	}
	err := run(ctx, []string{"check-db", "-db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, env(Config{}), nil, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("check-db succeeded on a server that does not exist")
	}
}
