package staff

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPasswordHashing(t *testing.T) {
	h1, err := PasswordCost{}.Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := PasswordCost{}.Hash("correct horse battery staple")
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=65536,t=3,p=2$") || h1 == h2 {
		t.Fatalf("hashes %q and %q: want argon2id with a fresh salt each", h1, h2)
	}
	if !CheckPassword(h1, "correct horse battery staple") || !CheckPassword(h2, "correct horse battery staple") {
		t.Fatal("the right password is refused")
	}
	if CheckPassword(h1, "correct horse battery stapler") || CheckPassword(h1, "") {
		t.Fatal("a wrong password is accepted")
	}
	parts := strings.Split(h1, "$")
	for _, bad := range []string{"", "plain", "$argon2i$" + strings.Join(parts[2:], "$"), "$argon2id$v=18$" + strings.Join(parts[3:], "$"),
		"$argon2id$v=19$m=65536,t=3,p=0$" + parts[4] + "$" + parts[5], "$argon2id$v=19$m=65536,t=3,p=2$!!$" + parts[5],
		"$argon2id$v=19$m=65536,t=3,p=2$" + parts[4] + "$"} {
		if CheckPassword(bad, "correct horse battery staple") {
			t.Errorf("a malformed hash %q is accepted", bad)
		}
	}
}

// TestPasswordCost: a lower cost (as tests use) is written into the hash,
// and CheckPassword verifies it from there.
func TestPasswordCost(t *testing.T) {
	cheap := PasswordCost{Time: 1, Memory: 64, Threads: 1}
	h, err := cheap.Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q: want the cheap parameters", h)
	}
	if !CheckPassword(h, "correct horse battery staple") || CheckPassword(h, "correct horse battery stapler") {
		t.Fatal("a cheap hash is not checked like a production one")
	}
	if p, _ := (PasswordCost{}).Hash("x"); !strings.HasPrefix(p, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("the zero cost hashes %q; want production's parameters", p)
	}
}

func TestRandomPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		pw := RandomPassword()
		if len(pw) != 20 || seen[pw] || ValidatePassword(pw) != nil {
			t.Fatalf("random password %q", pw)
		}
		seen[pw] = true
	}
}

func TestValidation(t *testing.T) {
	for name, ok := range map[string]bool{"admin": true, "a.b-c_d": true, "a": false, "Admin": false, "-x": false, strings.Repeat("a", 32): true, strings.Repeat("a", 33): false, "名字": false} {
		if (ValidateUsername(name) == nil) != ok {
			t.Errorf("username %q: valid should be %v", name, ok)
		}
	}
	for pw, ok := range map[string]bool{strings.Repeat("x", 11): false, strings.Repeat("x", 12): true, strings.Repeat("密", 12): true, strings.Repeat("x", 1025): false} {
		if (ValidatePassword(pw) == nil) != ok {
			t.Errorf("password of %d characters: valid should be %v", len([]rune(pw)), ok)
		}
	}
}

// TestPermissions states the policy: admins do everything but work and
// decide cases (they read them: running the installation is not consular
// work); consuls all but accounts and imports, and they decide cases;
// officers see the desk, keep citations, work the day sheet and an
// event's check-in list, record introductions, and read and work cases;
// everyone looks after their own account, and only admins after others'.
func TestPermissions(t *testing.T) {
	want := map[Role][]Action{
		Admin: slices.DeleteFunc(slices.Clone(Actions), func(a Action) bool { return a == WorkCases || a == DecideCases }),
		Consul: {ViewDesk, EditMission, EditDistrict, EditCitations, ReadAudit, ReadDaySheet, ManageCapacity, ReadOutbox,
			EditRecord, ManageEvents, ReadAttendance, CurateMatches, RecordIntros, OwnAccount, Retention, RevokeDocuments, CaseFiles,
			ReadCases, WorkCases, DecideCases},
		Officer: {ViewDesk, EditCitations, ReadDaySheet, ReadAttendance, RecordIntros, OwnAccount, CaseFiles, ReadCases, WorkCases},
	}
	for _, r := range Roles {
		for _, a := range Actions {
			allowed := false
			for _, w := range want[r] {
				allowed = allowed || w == a
			}
			if Can(r, a) != allowed {
				t.Errorf("%s %s: Can = %v", r, a, Can(r, a))
			}
		}
	}
	if Can("", ViewDesk) || Can("root", ViewDesk) || ValidRole("root") {
		t.Error("an unknown role may act")
	}
}

// TestHashingBoundsConcurrentHashes: no more than the allowed number of
// hashes hold a slot at once, and one that finds none free in time is
// refused rather than queued.
func TestHashingBoundsConcurrentHashes(t *testing.T) {
	h := NewHashing(2, time.Millisecond, PasswordCost{})
	first, ok1 := h.Acquire(context.Background())
	second, ok2 := h.Acquire(context.Background())
	if !ok1 || !ok2 {
		t.Fatal("two slots of two were not given")
	}
	if _, ok := h.Acquire(context.Background()); ok {
		t.Fatal("a third hash got a slot of two")
	}
	first()
	third, ok := h.Acquire(context.Background())
	if !ok {
		t.Fatal("a freed slot was not given")
	}
	second()
	third()
}
