package sandbox_test

import (
	"reflect"
	"testing"

	"github.com/neighborbot/neighborbot/bot/sandbox"
)

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	sb, db, _ := seeded(t)
	ctx := t.Context()

	if ok, err := sandbox.SeedDemo(ctx, db); err != nil || ok {
		t.Fatalf("second SeedDemo = %v, %v; want false, nil", ok, err)
	}

	units, err := sb.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []sandbox.UnitInfo
	for _, u := range units {
		u.ID = 0
		got = append(got, u)
	}
	want := []sandbox.UnitInfo{
		{Name: "示范街道(演示)", Kind: "street"},
		{Name: "幸福社区(演示)", Kind: "community", Parent: "示范街道(演示)"},
		{Name: "第一网格(演示)", Kind: "grid", Parent: "幸福社区(演示)"},
		{Name: "第二网格(演示)", Kind: "grid", Parent: "幸福社区(演示)"},
		{Name: "城管办(演示)", Kind: "department", Parent: "示范街道(演示)"},
		{Name: "幸福物业(演示)", Kind: "partner", Parent: "幸福社区(演示)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units:\n got %+v\nwant %+v", got, want)
	}

	chats, err := sb.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantChats := []sandbox.ChatInfo{
		{Title: group1, Unit: "第一网格(演示)", Kind: "group"},
		{Title: group2, Unit: "第二网格(演示)", Kind: "group"},
	}
	if !reflect.DeepEqual(chats, wantChats) {
		t.Errorf("chats:\n got %+v\nwant %+v", chats, wantChats)
	}

	people, err := sb.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantPeople := []sandbox.PersonInfo{
		{Name: "王书记", Roles: []sandbox.RoleInfo{{Role: "officer", Unit: "幸福社区(演示)"}}},
		{Name: "李网格员", Roles: []sandbox.RoleInfo{{Role: "grid_worker", Unit: "第一网格(演示)"}}},
		{Name: "张阿姨", Roles: []sandbox.RoleInfo{{Role: "ambassador", Unit: "幸福社区(演示)"}}},
		{Name: "赵师傅", Roles: []sandbox.RoleInfo{{Role: "department", Unit: "城管办(演示)"}}},
		{Name: "刘大爷", Roles: []sandbox.RoleInfo{}},
		{Name: "陈女士", Roles: []sandbox.RoleInfo{}},
		{Name: "小周", Roles: []sandbox.RoleInfo{}},
	}
	if !reflect.DeepEqual(people, wantPeople) {
		t.Errorf("people:\n got %+v\nwant %+v", people, wantPeople)
	}
}

func TestSeedDemoSkipsUsedDatabase(t *testing.T) {
	t.Parallel()
	db := openStore(t)
	sb := sandbox.New(db, nil)
	if _, err := sb.CreatePerson(t.Context(), "someone", "", ""); err != nil {
		t.Fatal(err)
	}
	// People but no units: still seeded.
	if ok, err := sandbox.SeedDemo(t.Context(), db); err != nil || !ok {
		t.Fatalf("SeedDemo = %v, %v; want true", ok, err)
	}
}
