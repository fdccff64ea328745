package store_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

var admin = store.Actor{Name: "test"}

// TestMain drops the template databases the tests copy when they end.
func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }

// withDataset is a migrated database with the default dataset loaded.
var withDataset = storetest.NewTemplate("dataset", func(ctx context.Context, db *store.DB) error {
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	_, err = db.Import(ctx, admin, ds, dataset.DefaultBytes())
	return err
})

// seeded returns a database with the default dataset loaded.
func seeded(t *testing.T) *store.DB {
	t.Helper()
	return withDataset.Open(t)
}

func TestEngineUnderTest(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	want := store.SQLite
	if os.Getenv(storetest.EnvPostgres) != "" {
		want = store.Postgres
	}
	if db.Dialect != want {
		t.Fatalf("dialect %s, want %s", db.Dialect, want)
	}
	t.Logf("storage tests run on %s", db.Dialect)
}

func TestMigrateTwiceIsHarmless(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestImportDefaultDataset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	ms, err := db.Missions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 5 {
		t.Fatalf("%d missions, want 5 (embassy, four consulates general)", len(ms))
	}
	if ms[0].Kind != mission.Embassy {
		t.Errorf("embassy first, got %s", ms[0].ID)
	}
	cq, err := db.Mission(ctx, "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	if cq.OpenedOn != "2021-01-28" || cq.TimeZone != "Asia/Shanghai" || cq.Head.Name["en"] != "Dzmitry Yemelyanau" {
		t.Errorf("Chongqing facts: %+v", cq)
	}
	if len(cq.Citations) == 0 || cq.Citations[0].Source == nil || cq.Citations[0].Source.Publisher == "" {
		t.Errorf("Chongqing facts must cite sources: %+v", cq.Citations)
	}
	members, _ := db.Memberships(ctx, "by-cg-chongqing")
	var codes []string
	for _, m := range members {
		codes = append(codes, m.Subdivision)
	}
	if got := strings.Join(codes, " "); got != "CN-CQ CN-GS CN-HB CN-SC CN-SN CN-YN" {
		t.Errorf("Chongqing district %s", got)
	}
	claims, _ := db.Claims(ctx, "by-cg-chongqing")
	if len(claims) < 4 {
		t.Fatalf("want every source's statement kept, got %d claims", len(claims))
	}
	for _, c := range claims {
		for _, s := range c.Subdivisions {
			if s == "CN-SX" {
				t.Errorf("claim %q read as Shanxi CN-SX; the sources mean Shaanxi CN-SN", c.Citation.Quote)
			}
		}
	}
}

// TestHeadsAndDistrictNotesRoundTrip reads back what the default dataset
// says of heads of mission (the newest "as of" a source, the predecessor with
// dates) and of why a disputed subdivision is read as part of a district.
func TestHeadsAndDistrictNotesRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	e, err := db.Mission(ctx, "by-embassy-beijing")
	if err != nil {
		t.Fatal(err)
	}
	if e.Head.Name["en"] != "Aliaksandr Charviakou" || e.Head.AsOf != "2024-03-22" || e.Head.Source != "fmprc-2024-03-22-charviakou" {
		t.Errorf("embassy head %+v", e.Head)
	}
	if len(e.FormerHeads) != 1 || e.FormerHeads[0].Name["en"] != "Yuri Senko" || e.FormerHeads[0].Since != "2020-11-19" || e.FormerHeads[0].Until != "2023" {
		t.Errorf("former heads %+v", e.FormerHeads)
	}
	hk, err := db.Mission(ctx, "by-office-hong-kong")
	if err != nil {
		t.Fatal(err)
	}
	if hk.Kind != mission.ConsulateGeneral || !hk.DistrictKnown || len(hk.FormerHeads) != 0 {
		t.Errorf("Hong Kong: %+v", hk)
	}
	members, _ := db.Memberships(ctx, "by-cg-chongqing")
	notes := map[string]bool{}
	for _, m := range members {
		notes[m.Subdivision] = len(m.Note) == 4
	}
	if !notes["CN-YN"] || !notes["CN-HB"] || notes["CN-SC"] {
		t.Errorf("want four-language notes on Yunnan and Hubei only: %v", notes)
	}
	// A changed note is an update of the membership, not a new one.
	raw := bytes.Replace(dataset.DefaultBytes(), []byte(`en: "Named for this district by iChongqing`), []byte(`en: "(Edited.) Named for this district by iChongqing`), 1)
	if rep := importBytes(t, db, raw); rep.Updated != 1 || rep.Created != 0 || rep.Deleted != 0 {
		t.Fatalf("want one membership updated, got %s", rep)
	}
	members, _ = db.Memberships(ctx, "by-cg-chongqing")
	for _, m := range members {
		if m.Subdivision == "CN-YN" && !strings.HasPrefix(m.Note["en"], "(Edited.)") {
			t.Errorf("note not updated: %q", m.Note["en"])
		}
	}
}

// importBytes parses and imports an edited dataset file, failing the test on error.
func importBytes(t *testing.T, db *store.DB, raw []byte) store.ImportReport {
	t.Helper()
	ds, err := dataset.Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := db.Import(context.Background(), admin, ds, raw)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestReimportChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	before, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 500})
	rev, err := db.Revision(ctx)
	if err != nil || rev == 0 {
		t.Fatalf("the first import did not raise the revision: %d, %v", rev, err)
	}
	ds, _ := dataset.Default()
	rep, err := db.Import(ctx, admin, ds, dataset.DefaultBytes())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changes() != 0 || rep.Unchanged == 0 {
		t.Fatalf("second import: %s", rep)
	}
	after, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 500})
	if len(after) != len(before) {
		t.Fatalf("second import wrote %d audit entries", len(after)-len(before))
	}
	if again, _ := db.Revision(ctx); again != rev {
		t.Fatalf("an import that changed nothing moved the revision from %d to %d", rev, again)
	}
}

func TestImportEditedFileAppliesTheDifference(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	revBefore, _ := db.Revision(ctx)
	raw := bytes.Replace(dataset.DefaultBytes(), []byte(`      - {subdivision: CN-SC, from: "2021-01-28"}`+"\n"), nil, 1)
	raw = bytes.Replace(raw, []byte(`version: "2026-11-23.2"`), []byte(`version: "2026-11-23.3"`), 1)
	rep := importBytes(t, db, raw)
	if rep.Deleted != 1 || rep.Created != 0 || rep.Updated != 0 {
		t.Fatalf("want exactly Sichuan removed, got %s", rep)
	}
	if rev, _ := db.Revision(ctx); rev <= revBefore {
		t.Errorf("a change left the revision at %d", rev)
	}
	entries, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 1})
	if entries[0].Action != "membership.delete" || !strings.Contains(entries[0].Before, "CN-SC") {
		t.Errorf("audit entry %+v", entries[0])
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	ds, _ := dataset.Default()
	// A membership that collides with another inside the same import fails
	// half-way through; nothing of the import may remain.
	ds.Missions[3].District = append(ds.Missions[3].District, ds.Missions[3].District[0])
	if _, err := db.Import(ctx, admin, ds, nil); err == nil {
		t.Fatal("import with a duplicate membership succeeded")
	}
	ms, _ := db.Missions(ctx)
	src, _ := db.Sources(ctx)
	if len(ms) != 0 || len(src) != 0 {
		t.Fatalf("failed import left %d missions and %d sources", len(ms), len(src))
	}
}

func TestMembershipRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	cases := []struct {
		name string
		ms   mission.Membership
		code string
	}{
		{"overlapping period", mission.Membership{MissionID: "by-cg-chongqing", Subdivision: "CN-HB", ValidFrom: "2022-01-01"}, chancery.ECONFLICT},
		{"unknown mission", mission.Membership{MissionID: "by-cg-nowhere", Subdivision: "CN-HB", ValidFrom: "2022-01-01"}, chancery.ENOTFOUND},
		{"malformed code", mission.Membership{MissionID: "by-cg-chongqing", Subdivision: "Hubei", ValidFrom: "2022-01-01"}, chancery.EINVALID},
		{"impossible date", mission.Membership{MissionID: "by-cg-chongqing", Subdivision: "CN-GZ", ValidFrom: "2022-02-30"}, chancery.EINVALID},
		{"ends before it starts", mission.Membership{MissionID: "by-cg-chongqing", Subdivision: "CN-GZ", ValidFrom: "2022-02-01", ValidTo: "2021-01-01"}, chancery.EINVALID},
		{"a new province", mission.Membership{MissionID: "by-cg-chongqing", Subdivision: "CN-GZ", ValidFrom: "2027-01-01"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := db.AddMembership(ctx, admin, c.ms)
			if got := chancery.ErrorCode(err); got != c.code {
				t.Fatalf("code %q, want %q (%v)", got, c.code, err)
			}
		})
	}
}

func TestEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	who := store.Actor{UserID: 0, Name: "consul-a"}
	m, _ := db.Mission(ctx, "by-cg-chongqing")
	m.Phone = "+86 23 0000 0000"
	if _, err := db.SaveMission(ctx, who, m); err != nil {
		t.Fatal(err)
	}
	e, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 1})
	if e[0].Actor != "consul-a" || e[0].Action != "mission.update" || strings.Contains(e[0].Before, "0000") || !strings.Contains(e[0].After, "+86 23 0000 0000") {
		t.Fatalf("audit entry %+v", e[0])
	}
	if changed, _ := db.SaveMission(ctx, who, m); changed {
		t.Error("saving the same content again reported a change")
	}
}

func TestUsersAndSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	u, err := db.CreateUser(ctx, admin, "Consul.Li", "correct horse battery", staff.Consul)
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != "consul.li" {
		t.Errorf("username not normalised: %q", u.Username)
	}
	if _, err := db.CreateUser(ctx, admin, "consul.li", "another long password", staff.Officer); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("duplicate username: %v", err)
	}
	if _, err := db.CreateUser(ctx, admin, "short", "short", staff.Officer); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("short password: %v", err)
	}
	if _, err := db.Authenticate(ctx, "consul.li", "wrong password!!"); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := db.Authenticate(ctx, "nobody", "correct horse battery"); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
		t.Errorf("unknown user: %v", err)
	}
	got, err := db.Authenticate(ctx, " CONSUL.LI ", "correct horse battery")
	if err != nil || got.Role != staff.Consul {
		t.Fatalf("sign-in: %v %+v", err, got)
	}
	s, err := db.CreateSession(ctx, got, staff.SessionPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := db.SessionByToken(ctx, s.Token, staff.SessionPolicy{})
	if err != nil || back.User.Username != "consul.li" || back.CSRF != s.CSRF {
		t.Fatalf("session lookup: %v %+v", err, back)
	}
	db.Now = func() time.Time { return time.Now().Add(staff.DefaultSessionLifetime + time.Minute) }
	if _, err := db.SessionByToken(ctx, s.Token, staff.SessionPolicy{Idle: 24 * time.Hour}); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
		t.Errorf("expired session accepted: %v", err)
	}
	db.Now = time.Now
	if err := db.SignOut(ctx, store.ActorOf(got), s.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByToken(ctx, s.Token, staff.SessionPolicy{}); err == nil {
		t.Error("session survives sign-out")
	}
}

func TestLastAdminCannotBeDemoted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	db.CreateUser(ctx, admin, "root", "a long enough password", staff.Admin)
	if err := db.SetRole(ctx, admin, "root", staff.Officer); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("demoting the last admin: %v", err)
	}
}

// TestRateLimitIsSharedAndExact hits one bucket from many goroutines over
// two connections to the same database, as two instances would: exactly
// limit attempts are allowed.
func TestRateLimitIsSharedAndExact(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.Migrated.DSN(t)
	a := storetest.OpenDSN(t, dsn)
	b := storetest.OpenDSN(t, dsn)
	const limit, tries = 10, 40
	var mu sync.Mutex
	allowed := 0
	var wg sync.WaitGroup
	for i := 0; i < tries; i++ {
		wg.Add(1)
		go func(db *store.DB) {
			defer wg.Done()
			ok, _, err := db.Hit(ctx, "login-ip:192.0.2.1", limit, time.Hour)
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		}([]*store.DB{a, b}[i%2])
	}
	wg.Wait()
	if allowed != limit {
		t.Fatalf("%d attempts allowed, want %d", allowed, limit)
	}
}

// TestRateLimitSlidesAcrossWindows: the count does not start again at a
// window's boundary. Attempts just before it still weigh just after it, and
// fade as the sliding window leaves them behind.
func TestRateLimitSlidesAcrossWindows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	const limit, window = 8, 15 * time.Minute
	boundary := time.Date(2026, 12, 1, 22, 15, 0, 0, time.UTC)
	at := func(d time.Duration) { db.Now = func() time.Time { return boundary.Add(d) } }
	hit := func() (bool, time.Duration) {
		t.Helper()
		ok, retry, err := db.Hit(ctx, "login-user:admin", limit, window)
		if err != nil {
			t.Fatal(err)
		}
		return ok, retry
	}
	at(-2 * time.Second)
	for i := range limit {
		if ok, _ := hit(); !ok {
			t.Fatalf("attempt %d of %d refused", i+1, limit)
		}
	}
	at(time.Second)
	ok, retry := hit()
	if ok {
		t.Fatal("the attempt after the boundary is allowed: the count started again")
	}
	if retry <= 0 || retry > window {
		t.Fatalf("retry after %v", retry)
	}
	// Just after the wait it was told, one attempt is allowed again.
	at(time.Second + retry)
	if ok, _ := hit(); !ok {
		t.Fatalf("still refused after the %v it was told to wait", retry)
	}
	// Two windows on, nothing of the earlier attempts is left.
	at(2 * window)
	for i := range limit {
		if ok, _ := hit(); !ok {
			t.Fatalf("two windows on, attempt %d of %d refused", i+1, limit)
		}
	}
	if ok, _ := hit(); ok {
		t.Fatal("more than the limit allowed in a fresh window")
	}
}
