package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestAbuse04PublicURLRules: links in mail come from one configured base.
// With a mail server configured, chancery refuses to start without
// -public-url; without one (mail stays in the outbox for staff) links use
// the listen address, and the start says so.
func TestAbuse04PublicURLRules(t *testing.T) {
	t.Parallel()
	none := func(string) string { return "" }
	_, _, err := parseConfig("serve", []string{"-smtp", "smtps://u:s3cret@mail.example:465"}, none, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-smtp needs -public-url") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("SMTP without a public URL: %v", err)
	}
	env := map[string]string{"CHANCERY_SMTP": "smtps://u:p@mail.example:465"}
	if _, _, err := parseConfig("serve", nil, func(k string) string { return env[k] }, io.Discard); err == nil {
		t.Fatal("CHANCERY_SMTP without a public URL was accepted")
	}
	if err := run(context.Background(), []string{"serve", "-smtp", "smtps://u:p@mail.example:465"}, none, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("serve started with SMTP and no public URL")
	}
	if _, _, err := parseConfig("serve", []string{"-smtp", "smtps://u:p@mail.example:465", "-public-url", "https://consulate.example"}, none, io.Discard); err != nil {
		t.Fatalf("SMTP with a public URL: %v", err)
	}

	ctx := context.Background()
	var logs bytes.Buffer
	app, err := NewApp(ctx, testConfig(t), io.Discard, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if app.PublicURL() != app.URL() || !strings.Contains(logs.String(), "links in mail use the listen address") ||
		!strings.Contains(logs.String(), app.URL()) {
		t.Fatalf("without -public-url: links on %s, serving on %s, log:\n%s", app.PublicURL(), app.URL(), logs.String())
	}
}
