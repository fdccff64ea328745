package documents_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/paper"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web/ui"
)

func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }

// TestRefusalLetter: a refused visa's document names, in each language,
// the refusal, the reasons the consul chose (and not the others), how to
// appeal and that the paper is the legal document, with the letterhead in
// the mission's four languages and the QR code's address on the site.
func TestRefusalLetter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	srv, err := ui.New(db, ui.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ds := documents.New(db, "https://consulate.example", srv.Translate, nil)
	_, hash := booking.NewToken()
	app, err := db.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "visa", Email: "a@example.org",
		Lang: "zh", TokenHash: hash, VerifyHash: hash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Raw(t, db, db.DSN).Exec(`UPDATE applications SET stage = 'decided' WHERE id = ` + strconv.FormatInt(app.ID, 10)); err != nil {
		t.Fatal(err)
	}
	ct, _ := db.CaseType(ctx, app.Mission, app.CaseType, app.Version)
	m, _ := db.Mission(ctx, app.Mission)
	key, err := ds.SigningKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := tx.IssueDocument(ctx, key, app, ct, store.DocumentFacts{Result: "refused", Reasons: []string{"purpose_unproven"}, Holder: "LI W."})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"zh": {"拒绝", "未能证明停留目的和条件。", "复议", "法律效力"},
		"en": {"refuse", "The purpose and conditions of the stay were not shown.", "reviewed", "legal document"},
		"ru": {"отказ", "Не подтверждены цель и условия пребывания.", "обжаловать", "Юридическую силу"},
		"be": {"адмов", "Не пацверджаны мэта і ўмовы знаходжання.", "абскардзіць", "Юрыдычную сілу"},
	} {
		l := ds.Letter(d, ct, m, lang)
		text := strings.Join(append(append([]string{l.Title, l.Note}, l.Body...), l.Letterhead...), "\n")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", lang, w, text)
			}
		}
		if strings.Contains(text, "A document submitted is not valid") || strings.Contains(text, "seal.t") || strings.Contains(text, "seal.b") || strings.Contains(text, "seal.f") {
			t.Errorf("%s: a reason not given, or a message key:\n%s", lang, text)
		}
		if len(l.Letterhead) != 4 || l.URL != "https://consulate.example/verify/"+d.Code {
			t.Errorf("%s: letterhead %q, QR %q", lang, l.Letterhead, l.URL)
		}
		if _, err := paper.Render(l); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
}
