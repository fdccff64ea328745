package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestFlagErrors: each flag and environment variable is checked at start,
// with an error that names it, and a URL's password never shows.
func TestFlagErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown log format", []string{"-log", "xml"}, nil, `-log must be text or json, not "xml"`},
		{"log format from the environment", nil, map[string]string{"CHANCERY_LOG": "JSON"}, `-log must be text or json`},
		{"address without a port", []string{"-addr", "localhost"}, nil, `-addr: "localhost" is not host:port`},
		{"address with a named port", []string{"-addr", "127.0.0.1:http"}, nil, `-addr: "127.0.0.1:http" has no port number`},
		{"port out of range", []string{"-addr", ":70000"}, nil, `has no port number from 0 to 65535`},
		{"bad metrics address", []string{"-metrics-addr", "metrics"}, nil, `-metrics-addr: "metrics" is not host:port`},
		{"metrics on the site's address", []string{"-addr", ":8080", "-metrics-addr", ":8080"}, nil, `-metrics-addr must differ from -addr`},
		{"not PostgreSQL", []string{"-db", "mysql://x"}, nil, `-db: must be a postgres:// URL`},
		{"malformed PostgreSQL URL", []string{"-db", "postgres://u:s3cret@host:port/db"}, nil, `-db: malformed`},
		{"pool too small", []string{"-db-pool", "0"}, nil, `-db-pool must be between 1 and 1000, not 0`},
		{"pool not a number", []string{"-db-pool", "many"}, nil, `invalid value "many" for flag -db-pool`},
		{"pool from the environment not a number", nil, map[string]string{"CHANCERY_DB_POOL": "twenty"}, `CHANCERY_DB_POOL must be a whole number, not "twenty"`},
		{"page cache empty", []string{"-page-cache-mib", "0"}, nil, `-page-cache-mib must be between 1 and 4096, not 0`},
		{"page cache too large", []string{"-page-cache-mib", "100000"}, nil, `-page-cache-mib must be between 1 and 4096, not 100000`},
		{"page cache from the environment not a number", nil, map[string]string{"CHANCERY_PAGE_CACHE_MIB": "64MB"}, `CHANCERY_PAGE_CACHE_MIB must be a whole number, not "64MB"`},
		{"no password hashing", []string{"-password-hashes", "0"}, nil, `-password-hashes must be between 1 and 64, not 0`},
		{"password hashing from the environment not a number", nil, map[string]string{"CHANCERY_PASSWORD_HASHES": "all"}, `CHANCERY_PASSWORD_HASHES must be a whole number, not "all"`},
		{"bad cookie mode", []string{"-cookies", "sometimes"}, nil, `-cookies must be auto or always, not "sometimes"`},
		{"SMTP URL of another scheme", []string{"-smtp", "http://mail:s3cret@example.com"}, nil, `-smtp: `},
		{"mail-from not an address", []string{"-mail-from", "nobody"}, nil, `-mail-from must be an address`},
		{"public URL without scheme", []string{"-public-url", "consulate.example"}, nil, `-public-url: "consulate.example" must start with https://`},
		{"public URL without host", []string{"-public-url", "https://"}, nil, `-public-url: "https://" has no host`},
		{"public URL with a query", []string{"-public-url", "https://consulate.example/?a=b"}, nil, `must have no user, query or fragment`},
		{"trust-proxy from the environment not a truth value", nil, map[string]string{"CHANCERY_TRUST_PROXY": "yes please"}, `CHANCERY_TRUST_PROXY must be true or false, not "yes please"`},
		{"no-seed from the environment not a truth value", nil, map[string]string{"CHANCERY_NO_SEED": "maybe"}, `CHANCERY_NO_SEED must be true or false`},
		{"site colour not #rrggbb", []string{"-site-colour", "red"}, nil, `-site-colour must be written #rrggbb, not "red"`},
		{"site colour too pale for links", nil, map[string]string{"CHANCERY_SITE_COLOUR": "#ffcc00"}, `-site-colour #ffcc00 has a contrast of`},
		{"clamd address without a scheme", []string{"-clamd", "127.0.0.1:3310"}, nil, `-clamd: clamd address "127.0.0.1:3310" must be tcp://host:port or unix:///path/to/socket`},
		{"clamd socket not an absolute path", nil, map[string]string{"CHANCERY_CLAMD": "unix://clamd.ctl"}, `-clamd: clamd address "unix://clamd.ctl" must be unix:// and an absolute path`},
		{"clamd port out of range", []string{"-clamd", "tcp://clamav:0"}, nil, `-clamd: clamd address "tcp://clamav:0" needs a port number from 1 to 65535`},
		{"seal key not a seed", []string{"-seal-key", "c2hvcnQ="}, nil, `-seal-key must be the base64 of a 32-byte Ed25519 seed`},
		{"data key not base64", []string{"-data-key", "not a key!"}, nil, `-data-key: the data key must be base64`},
		{"data key too short", nil, map[string]string{"CHANCERY_DATA_KEY": "c2hvcnQ="}, `-data-key: the data key must be 32 bytes in base64, not 5`},
		{"upload limit of nothing", []string{"-upload-file-mib", "0"}, nil, `-upload-file-mib must be between 1 and 100, not 0`},
		{"case limit below the file limit", []string{"-upload-case-mib", "5"}, nil, `-upload-case-mib must be between -upload-file-mib (10) and 1000, not 5`},
		{"site emblem missing", []string{"-site-emblem", "/nonexistent/emblem.svg"}, nil, `-site-emblem: open /nonexistent/emblem.svg`},
	} {
		t.Run(c.name, func(t *testing.T) {
			getenv := func(k string) string { return c.env[k] }
			_, _, err := parseConfig("serve", c.args, getenv, io.Discard)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Fatalf("the error shows a password: %v", err)
			}
			// serve stops on it before it opens anything.
			if err := run(context.Background(), append([]string{"serve"}, c.args...), getenv, nil, io.Discard, io.Discard); err == nil {
				t.Fatal("serve started")
			}
		})
	}
}

// TestFlagsAccepted: good values of every flag pass, all faults are told
// at once, and the pool size reaches the PostgreSQL pool.
func TestFlagsAccepted(t *testing.T) {
	none := func(string) string { return "" }
	cfg, _, err := parseConfig("serve", []string{"-addr", ":8080", "-metrics-addr", "127.0.0.1:9090", "-log", "json",
		"-db", "postgresql:///chancery?host=/run/postgresql", "-db-pool", "7", "-smtp", "smtps://u:p@mail.example:465",
		"-mail-from", "Consulate <no-reply@consulate.example>", "-public-url", "https://consulate.example/portal/",
		"-cookies", "always", "-trust-proxy", "-page-cache-mib", "1", "-clamd", "tcp://127.0.0.1:3310"}, none, io.Discard)
	if err != nil || cfg.DBPool != 7 || cfg.MetricsAddr != "127.0.0.1:9090" || !cfg.TrustProxy || cfg.pageCacheBytes() != 1<<20 ||
		cfg.Clamd != "tcp://127.0.0.1:3310" {
		t.Fatalf("%+v %v", cfg, err)
	}
	env := map[string]string{"CHANCERY_DB_POOL": "9", "CHANCERY_TRUST_PROXY": "1", "CHANCERY_METRICS_ADDR": ":9100", "CHANCERY_PAGE_CACHE_MIB": "16",
		"CHANCERY_CLAMD": "unix:///run/clamav/clamd.ctl"}
	if cfg, _, err = parseConfig("serve", nil, func(k string) string { return env[k] }, io.Discard); err != nil ||
		cfg.DBPool != 9 || !cfg.TrustProxy || cfg.MetricsAddr != ":9100" || cfg.pageCacheBytes() != 16<<20 || cfg.Clamd != "unix:///run/clamav/clamd.ctl" {
		t.Fatalf("from the environment: %+v %v", cfg, err)
	}
	if cfg, _, err = parseConfig("serve", nil, none, io.Discard); err != nil || cfg.DBPool != store.DefaultPool || cfg.MetricsAddr != "" ||
		cfg.PageCacheMiB != 64 || cfg.Clamd != "" {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
	emblem := filepath.Join(t.TempDir(), "emblem.gif")
	if err := os.WriteFile(emblem, []byte("GIF89a"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err = parseConfig("serve", []string{"-site-emblem", emblem}, none, io.Discard); err == nil || !strings.Contains(err.Error(), "-site-emblem must be one of .svg") {
		t.Fatalf("an emblem of another type: %v", err)
	}
	emblem = filepath.Join(t.TempDir(), "emblem.svg")
	if err := os.WriteFile(emblem, []byte("<svg/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	site := map[string]string{"CHANCERY_SITE_NAME": "Consulate General of Belarus in Chongqing", "CHANCERY_SITE_NAME_ZH": "白俄罗斯共和国驻重庆总领事馆",
		"CHANCERY_SITE_COLOUR": "#7a1020"}
	if cfg, _, err = parseConfig("serve", []string{"-site-short-name", "CG Chongqing", "-site-short-name", "ru=ГК в Чунцине", "-site-footer", "Official site",
		"-site-emblem", emblem}, func(k string) string { return site[k] }, io.Discard); err != nil ||
		cfg.Identity.Name.In("ru") != site["CHANCERY_SITE_NAME"] || cfg.Identity.Name.In("zh") != site["CHANCERY_SITE_NAME_ZH"] ||
		cfg.Identity.ShortName.In("en") != "CG Chongqing" || cfg.Identity.ShortName.In("ru") != "ГК в Чунцине" || cfg.Identity.Footer.In("be") != "Official site" ||
		cfg.Identity.Primary != "#7a1020" || string(cfg.Identity.Emblem) != "<svg/>" || cfg.Identity.EmblemName != "emblem.svg" {
		t.Fatalf("site identity: %+v %v", cfg.Identity, err)
	}
	// A text that only looks like a language's ("de=…", "x=y") is every language's.
	if cfg, _, err = parseConfig("serve", []string{"-site-footer", "de=Generalkonsulat"}, none, io.Discard); err != nil || cfg.Identity.Footer.In("zh") != "de=Generalkonsulat" {
		t.Fatalf("footer: %+v %v", cfg.Identity.Footer, err)
	}
	_, _, err = parseConfig("serve", []string{"-log", "xml", "-cookies", "never"}, none, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-log") || !strings.Contains(err.Error(), "-cookies") {
		t.Fatalf("two faults: %v", err)
	}
	if os.Getenv(storetest.EnvPostgres) == "" {
		return
	}
	cfg = testConfig(t)
	if cfg, _, err = parseConfig("serve", []string{"-db", cfg.DB, "-db-pool", "3"}, none, io.Discard); err != nil {
		t.Fatal(err)
	}
	db, err := cfg.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := db.Pools()[store.Postgres].Stats().MaxOpenConnections; n != 3 {
		t.Fatalf("pool of %d connections, want 3", n)
	}
}
