package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// matchDB is a database with a record of four entities to profile: the
// place chongqing (CN), belarus and great-stone (BY), and a person.
func matchDB(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	for _, e := range []cooperation.Entity{coopChongqing, coopConsul,
		{ID: "belarus", Kind: cooperation.Place, Country: "BY", Name: mission.Text{"en": "Belarus"}, Citations: coopCite},
		{ID: "great-stone", Kind: cooperation.Organisation, Country: "BY", Name: mission.Text{"en": "Great Stone"}, Citations: coopCite},
	} {
		if _, err := db.SaveCoop(context.Background(), admin, e); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func sections(t *testing.T, list string) matchmaking.Set {
	t.Helper()
	s, err := matchmaking.ParseSections(list)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func auditCount(t *testing.T, db *store.DB, entity string) int {
	t.Helper()
	log, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: entity, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}

// TestMatchProfiles: a profile belongs to an organisation or place of the
// record of its country, is saved once (a repeat changes and audits
// nothing), and reads back whole.
func TestMatchProfiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := matchDB(t)
	by := matchmaking.Profile{EntityID: "belarus", Country: "BY", Offers: sections(t, "I, II, IV, IX, X"), Seeks: sections(t, "XVI, XVII"),
		Detail: mission.Text{"en": "agricultural and food products, timber and pulp"}, Citations: coopCite}
	for _, c := range []struct {
		name string
		p    matchmaking.Profile
		code string
	}{
		{"an entity not in the record", matchmaking.Profile{EntityID: "nowhere", Country: "BY", Offers: sections(t, "IV")}, chancery.EINVALID},
		{"a person", matchmaking.Profile{EntityID: "dzmitry-yemelyanau", Country: "BY", Offers: sections(t, "IV")}, chancery.EINVALID},
		{"the entity's country is another", matchmaking.Profile{EntityID: "chongqing", Country: "BY", Offers: sections(t, "IV")}, chancery.EINVALID},
		{"nothing declared", matchmaking.Profile{EntityID: "belarus", Country: "BY"}, chancery.EINVALID},
	} {
		if _, err := db.SaveProfile(ctx, admin, c.p); chancery.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	for round, want := range []bool{true, false} {
		if changed, err := db.SaveProfile(ctx, admin, by); err != nil || changed != want {
			t.Fatalf("round %d: changed %v, %v", round, changed, err)
		}
	}
	if n := auditCount(t, db, "match_profile"); n != 1 {
		t.Fatalf("%d audit entries for one profile saved twice", n)
	}
	got, err := db.MatchProfile(ctx, "belarus")
	if err != nil || got.Offers != by.Offers || got.Seeks != by.Seeks || got.Detail["en"] != by.Detail["en"] || len(got.Citations) != 1 {
		t.Fatalf("read back %+v, %v", got, err)
	}
	by.Seeks = sections(t, "XVII, XVIII")
	if changed, err := db.SaveProfile(ctx, admin, by); err != nil || !changed {
		t.Fatalf("update: %v %v", changed, err)
	}
	if got, _ := db.MatchProfile(ctx, "belarus"); got.Seeks != by.Seeks {
		t.Fatalf("sections after the update: %v, want %v", got.Seeks, by.Seeks)
	}
	log, _ := db.AuditLog(ctx, store.AuditFilter{Entity: "match_profile", Limit: 1})
	if log[0].Action != "match.profile.update" || !strings.Contains(log[0].Before, `"XVI"`) || !strings.Contains(log[0].After, `"XVIII"`) {
		t.Fatalf("audit entry of the update: %+v", log[0])
	}
	seen, err := db.ProfileVersion(ctx, "belarus")
	if err != nil || seen == 0 {
		t.Fatalf("version %d, %v", seen, err)
	}
	db.Now = func() time.Time { return time.Now().Add(time.Minute) }
	by.Offers = sections(t, "IV")
	if changed, err := db.EditProfile(ctx, store.Actor{Name: "consul"}, by, seen); err != nil || !changed {
		t.Fatalf("edit from the version seen: %v %v", changed, err)
	}
	if changed, err := db.EditProfile(ctx, store.Actor{Name: "consul"}, by, seen); err != nil || changed {
		t.Fatalf("the same edit again: %v %v", changed, err)
	}
	by.Offers = sections(t, "IX")
	if _, err := db.EditProfile(ctx, admin, by, seen); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("an edit over another's: %v", err)
	} else if _, data := chancery.ErrorKey(err); data["By"] != "consul" {
		t.Fatalf("the conflict does not say who: %v", data)
	}
	if _, err := db.EditProfile(ctx, admin, matchmaking.Profile{EntityID: "chongqing", Country: "CN", Offers: sections(t, "XVI")}, 5); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("an edit of a profile that did not exist when seen as version 5: %v", err)
	}
	if _, err := db.MatchProfile(ctx, "great-stone"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("an organisation with no profile: %v", err)
	}
	if ps, err := db.MatchProfiles(ctx); err != nil || len(ps) != 1 {
		t.Fatalf("profiles: %+v, %v", ps, err)
	}
}

// matchProfiles saves the profiles of the curation tests: Belarus and
// Great Stone meet Chongqing's offers and needs; Belarus and Great Stone
// are of one country.
func matchProfiles(t *testing.T, db *store.DB) {
	t.Helper()
	for _, p := range []matchmaking.Profile{
		{EntityID: "belarus", Country: "BY", Offers: sections(t, "IV, IX, X"), Seeks: sections(t, "XVI")},
		{EntityID: "great-stone", Country: "BY", Offers: sections(t, "VI"), Seeks: sections(t, "XVIII")},
		{EntityID: "chongqing", Country: "CN", Offers: sections(t, "XVI, XVII"), Seeks: sections(t, "IV, IX, X")},
	} {
		if _, err := db.SaveProfile(context.Background(), admin, p); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMatchDecisions: staff accept or dismiss a suggestion and undo it;
// a repeat changes nothing, a stale change is a conflict that says who
// changed it, and every change is audited.
func TestMatchDecisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := matchDB(t)
	matchProfiles(t, db)
	pair := matchmaking.PairOf("chongqing", "belarus")
	S, A, D := matchmaking.Suggested, matchmaking.Accepted, matchmaking.Dismissed
	consul := store.Actor{UserID: 0, Name: "consul"}
	steps := []struct {
		name     string
		who      store.Actor
		pair     matchmaking.Pair
		from, to matchmaking.Status
		changed  bool
		code     string
	}{
		{"accept", consul, pair, S, A, true, ""},
		{"accept again", consul, pair, S, A, false, ""},
		{"dismiss what another accepted", admin, pair, S, D, false, chancery.ECONFLICT},
		{"undo the acceptance", admin, pair, A, S, true, ""},
		{"undo again", admin, pair, A, S, false, ""},
		{"dismiss", consul, pair, S, D, true, ""},
		{"a pair the rule does not suggest", consul, matchmaking.PairOf("chongqing", "great-stone"), S, A, false, chancery.EINVALID},
		{"one country", consul, matchmaking.PairOf("belarus", "great-stone"), S, A, false, chancery.EINVALID},
		{"a pair written backwards", consul, matchmaking.Pair{A: "chongqing", B: "belarus"}, S, A, false, chancery.EINVALID},
		{"an organisation with no profile", consul, matchmaking.PairOf("belarus", "nowhere"), S, A, false, chancery.ENOTFOUND},
	}
	for _, s := range steps {
		changed, err := db.Decide(ctx, s.who, s.pair, s.from, s.to)
		if changed != s.changed || chancery.ErrorCode(err) != s.code {
			t.Fatalf("%s: changed %v, %v", s.name, changed, err)
		}
		if s.code == chancery.ECONFLICT {
			if _, data := chancery.ErrorKey(err); data["By"] != "consul" || data["Status"] != "accepted" {
				t.Fatalf("%s: the conflict does not say who changed it: %v", s.name, data)
			}
		}
	}
	ds, err := db.Decisions(ctx)
	if err != nil || len(ds) != 1 || ds[pair].Status != D || ds[pair].By != "consul" || ds[pair].At.IsZero() {
		t.Fatalf("decisions: %+v, %v", ds, err)
	}
	if n := auditCount(t, db, "match_pair"); n != 3 {
		t.Fatalf("%d audit entries for accept, undo and dismiss", n)
	}
}

// TestMatchIntroductions: an introduction is recorded once per pair and
// day, and its outcome changes from the one staff saw.
func TestMatchIntroductions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := matchDB(t)
	matchProfiles(t, db)
	in := matchmaking.Introduction{Pair: matchmaking.PairOf("belarus", "chongqing"), Date: "2024-05-23", Note: "At the Western China fair"}
	first, created, err := db.Introduce(ctx, admin, in)
	if err != nil || !created || first.ID == 0 || first.Outcome != matchmaking.Pending {
		t.Fatalf("first: %+v %v %v", first, created, err)
	}
	again, created, err := db.Introduce(ctx, admin, in)
	if err != nil || created || again.ID != first.ID {
		t.Fatalf("again: %+v %v %v", again, created, err)
	}
	in.Note = "Another note"
	if _, _, err := db.Introduce(ctx, admin, in); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("another note for the same day: %v", err)
	}
	for name, bad := range map[string]matchmaking.Introduction{
		"one country":      {Pair: matchmaking.PairOf("belarus", "great-stone"), Date: "2024-05-23"},
		"malformed date":   {Pair: in.Pair, Date: "2024-5-23"},
		"no profile":       {Pair: matchmaking.PairOf("belarus", "nowhere"), Date: "2024-05-23"},
		"a pair backwards": {Pair: matchmaking.Pair{A: "chongqing", B: "belarus"}, Date: "2024-05-24"},
	} {
		if _, _, err := db.Introduce(ctx, admin, bad); err == nil || chancery.ErrorCode(err) == chancery.EINTERNAL {
			t.Errorf("%s: %v", name, err)
		}
	}
	P, M, G := matchmaking.Pending, matchmaking.MeetingHeld, matchmaking.AgreementSigned
	for _, s := range []struct {
		name     string
		id       int64
		from, to matchmaking.Outcome
		changed  bool
		code     string
	}{
		{"meeting held", first.ID, P, M, true, ""},
		{"meeting held again", first.ID, P, M, false, ""},
		{"from a stale outcome", first.ID, P, G, false, chancery.ECONFLICT},
		{"agreement signed", first.ID, M, G, true, ""},
		{"unknown outcome", first.ID, G, "eloped", false, chancery.EINVALID},
		{"unknown introduction", first.ID + 100, P, M, false, chancery.ENOTFOUND},
	} {
		changed, err := db.SetOutcome(ctx, admin, s.id, s.from, s.to)
		if changed != s.changed || chancery.ErrorCode(err) != s.code {
			t.Fatalf("%s: changed %v, %v", s.name, changed, err)
		}
	}
	list, err := db.Introductions(ctx)
	if err != nil || len(list) != 1 || list[0].Outcome != G || list[0].Note != "At the Western China fair" {
		t.Fatalf("introductions: %+v, %v", list, err)
	}
	if n := auditCount(t, db, "match_introduction"); n != 3 {
		t.Fatalf("%d audit entries for one introduction and two outcomes", n)
	}
}

// TestImportDefaultProfiles: the default dataset brings its matchmaking
// profiles, and importing it again changes none of them.
func TestImportDefaultProfiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	ps, err := db.MatchProfiles(ctx)
	if err != nil || len(ps) < 3 {
		t.Fatalf("profiles after the import: %+v, %v", ps, err)
	}
	before := auditCount(t, db, "match_profile")
	ds, _ := dataset.Default()
	rep, err := db.Import(ctx, admin, ds, dataset.DefaultBytes())
	if err != nil || rep.Changes() != 0 || auditCount(t, db, "match_profile") != before {
		t.Fatalf("second import: %v, %v", rep, err)
	}
}

// TestCoopEntities: the entities of a list of ids, each once, and none for
// an id the record does not hold.
func TestCoopEntities(t *testing.T) {
	t.Parallel()
	db := matchDB(t)
	got, err := db.CoopEntities(context.Background(), []string{"belarus", "chongqing", "belarus", "nowhere"})
	if err != nil || len(got) != 2 || got["belarus"].Country != "BY" || got["chongqing"].Name["zh"] != "重庆市" {
		t.Fatalf("%+v, %v", got, err)
	}
	if got, err := db.CoopEntities(context.Background(), nil); err != nil || len(got) != 0 {
		t.Fatalf("no ids: %+v, %v", got, err)
	}
}
