package sandbox_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

func TestCreateChat(t *testing.T) {
	t.Parallel()
	sb, db, _ := seeded(t)
	ctx := t.Context()

	c, err := sb.CreateChat(ctx, " 三号楼群 ", "第二网格(演示)")
	if err != nil {
		t.Fatal(err)
	}
	if want := (sandbox.ChatInfo{Title: "三号楼群", Unit: "第二网格(演示)", Kind: nb.ChatGroup}); c != want {
		t.Errorf("CreateChat = %+v, want %+v", c, want)
	}
	if _, err := sb.CreateChat(ctx, "未绑定群", ""); err != nil {
		t.Fatal(err)
	}
	chats, err := sb.Chats(ctx)
	if err != nil || len(chats) != 4 || chats[2] != c || chats[3].Unit != "" {
		t.Fatalf("Chats = %+v, %v", chats, err)
	}
	err = db.View(ctx, func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, "三号楼群")
		if err != nil {
			return err
		}
		unit, err := tx.FindUnitByID(chat.UnitID)
		if err == nil && (unit.Name != "第二网格(演示)" || chat.Kind != nb.ChatGroup) {
			t.Errorf("stored chat %+v bound to %+v", chat, unit)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Post(ctx, sandbox.PostRequest{Chat: "三号楼群", From: "小周", Text: "x"}); err != nil {
		t.Errorf("post to new group: %v", err)
	}

	for _, tt := range []struct {
		title, unit, code, msg string
	}{
		{"三号楼群", "", nb.ECONFLICT, `group "三号楼群" exists`},
		{"", "", nb.EINVALID, "title required"},
		{strings.Repeat("群", 65), "", nb.EINVALID, "title too long (at most 64 characters)"},
		{"a\nb", "", nb.EINVALID, "title must not contain control characters"},
		{"private", "", nb.EINVALID, `title must not be "private" or start with "private:"`},
		{"private:小周", "", nb.EINVALID, `title must not be "private" or start with "private:"`},
		{"新群", "没有的网格", nb.ENOTFOUND, `no unit called "没有的网格"; closest: 第一网格(演示), 第二网格(演示), 示范街道(演示)`},
	} {
		_, err := sb.CreateChat(ctx, tt.title, tt.unit)
		wantCode(t, err, tt.code)
		if got := nb.ErrorMessage(err); got != tt.msg {
			t.Errorf("CreateChat(%q, %q): %q, want %q", tt.title, tt.unit, got, tt.msg)
		}
	}
}

func TestCreatePerson(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t)
	ctx := t.Context()

	p, err := sb.CreatePerson(ctx, "孙主任", nb.RoleOfficer, "示范街道(演示)")
	if err != nil {
		t.Fatal(err)
	}
	want := sandbox.PersonInfo{Name: "孙主任", Roles: []sandbox.RoleInfo{{Role: nb.RoleOfficer, Unit: "示范街道(演示)"}}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("CreatePerson = %+v, want %+v", p, want)
	}
	// A second role for the same name is added; global scope is "".
	p, err = sb.CreatePerson(ctx, "孙主任", nb.RoleAdmin, "")
	if err != nil || len(p.Roles) != 2 || !slices.Contains(p.Roles, sandbox.RoleInfo{Role: nb.RoleAdmin}) {
		t.Errorf("second role: %+v, %v", p, err)
	}
	r, err := sb.CreatePerson(ctx, "新居民", "", "")
	if err != nil || r.Name != "新居民" || r.Roles == nil || len(r.Roles) != 0 {
		t.Errorf("resident: %+v, %v", r, err)
	}
	people, err := sb.People(ctx)
	if err != nil || len(people) != 9 || people[7].Name != "孙主任" || people[8].Name != "新居民" {
		t.Errorf("People = %+v, %v", people, err)
	}

	for _, tt := range []struct {
		name string
		role nb.Role
		unit string
		code string
		msg  string
	}{
		{"", nb.RoleResident, "", nb.EINVALID, "name required"},
		{strings.Repeat("名", 33), "", "", nb.EINVALID, "name too long (at most 32 characters)"},
		{"x", "mayor", "", nb.EINVALID, `unknown role "mayor"`},
		{"x", nb.RoleGridWorker, "第九网格", nb.ENOTFOUND, `no unit called "第九网格"; closest: 第一网格(演示), 第二网格(演示), 示范街道(演示)`},
	} {
		_, err := sb.CreatePerson(ctx, tt.name, tt.role, tt.unit)
		wantCode(t, err, tt.code)
		if got := nb.ErrorMessage(err); got != tt.msg {
			t.Errorf("CreatePerson(%q, %q, %q): %q, want %q", tt.name, tt.role, tt.unit, got, tt.msg)
		}
	}
}

// The sandbox API reads unit names as chat commands do: a short name that
// only one unit matches is enough.
func TestShortUnitNames(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t)
	ctx := t.Context()
	c, err := sb.CreateChat(ctx, "幸福社区三号楼群", "幸福社区")
	if err != nil || c.Unit != "幸福社区(演示)" {
		t.Fatalf("CreateChat with a short unit name: %+v, %v", c, err)
	}
	p, err := sb.CreatePerson(ctx, "新网格员", nb.RoleGridWorker, "第二网格")
	if err != nil || len(p.Roles) != 1 || p.Roles[0].Unit != "第二网格(演示)" {
		t.Fatalf("CreatePerson with a short unit name: %+v, %v", p, err)
	}
	_, err = sb.CreatePerson(ctx, "另一人", nb.RoleGridWorker, "网格")
	if nb.ErrorCode(err) != nb.EINVALID || !strings.Contains(nb.ErrorMessage(err), "第一网格(演示), 第二网格(演示)") {
		t.Fatalf("an ambiguous name lists the matches: %v", err)
	}
}

// With a real platform enabled, the people API makes residents only: a
// sandbox officer would act on that platform's cases.
func TestCreatePersonWithoutGrants(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t, sandbox.WithoutGrants("roles come from invite codes"))
	_, err := sb.CreatePerson(t.Context(), "孙主任", nb.RoleOfficer, "示范街道(演示)")
	wantCode(t, err, nb.EFORBIDDEN)
	if msg := nb.ErrorMessage(err); msg != "roles come from invite codes" {
		t.Errorf("refusal says %q", msg)
	}
	if r, err := sb.CreatePerson(t.Context(), "新居民", nb.RoleResident, ""); err != nil || len(r.Roles) != 0 {
		t.Errorf("resident: %+v, %v", r, err)
	}
}
