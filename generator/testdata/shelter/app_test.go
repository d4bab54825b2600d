package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/app/shelter"
	"example.com/app/shelter/sheltertest"
)

var pets = []shelter.Pet{{ID: "1", Name: "Rex"}, {ID: "2", Name: "Tom"}, {ID: "3", Name: "Kit"}, {ID: "4", Name: "Bo"}, {ID: "5", Name: "Mo"}}

func ids(t *testing.T, seq func(func(*shelter.Pet, error) bool)) string {
	t.Helper()
	var got []string
	for p, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.ID)
	}
	return strings.Join(got, " ")
}

// Methods drop their service's name: Pets.List, not Pets.PetsList. A list
// answer with a Link header pages through it, the caller's parameters on
// every page.
func TestLinkPaging(t *testing.T) {
	ctx := context.Background()
	srv := sheltertest.NewServer(t)
	client := srv.Client()
	sheltertest.StubPages(srv, sheltertest.OpPetsList, pets, 2)
	if got := ids(t, client.Pets.ListAll(ctx, &shelter.PetsListParams{PerPage: shelter.Int(2)})); got != "1 2 3 4 5" {
		t.Fatalf("ListAll: %s", got)
	}
	var pages []string
	for _, c := range srv.CallsTo(sheltertest.OpPetsList) {
		pages = append(pages, c.Query.Get("page")+"/"+c.Query.Get("per_page"))
	}
	if fmt.Sprint(pages) != "[/2 2/2 3/2]" {
		t.Errorf("pages asked for: %v", pages)
	}
	var sizes []int
	for page, err := range client.Pets.ListPages(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
	}
	if fmt.Sprint(sizes) != "[2 2 1]" {
		t.Errorf("page sizes %v", sizes)
	}
	pet, err := client.Pets.Get(ctx, "1")
	if err != nil || pet == nil {
		t.Fatalf("Get: %v", err)
	}

	// A list that declares no Link header pages by it all the same; an
	// object answer with numbered pages pages by number.
	sheltertest.StubPages(srv, sheltertest.OpSheltersListPets, pets, 3)
	if got := ids(t, client.Shelters.ListPetsAll(ctx, "s1", nil)); got != "1 2 3 4 5" {
		t.Errorf("ListPetsAll: %s", got)
	}
	sheltertest.StubPages(srv, sheltertest.OpSearchPets, pets, 4)
	if got := ids(t, client.Search.PetsAll(ctx, &shelter.SearchPetsParams{Q: "all"})); got != "1 2 3 4 5" {
		t.Errorf("PetsAll: %s", got)
	}

	// A next link to another host ends the iteration with an error.
	srv.StubFunc(sheltertest.OpPetsList, func(sheltertest.Call) sheltertest.Response {
		return sheltertest.Response{Body: pets[:1], Header: http.Header{"Link": {`<https://elsewhere.example.com/pets?page=2>; rel="next"`}}}
	})
	var last error
	n := 0
	for _, err := range client.Pets.ListAll(ctx, nil) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 1 || last == nil || !strings.Contains(last.Error(), "not followed") {
		t.Errorf("a link to another host: %d items, %v", n, last)
	}
}

// Each webhook has a reader of its payload type, and the test package
// builds the requests the API sends.
func TestWebhooks(t *testing.T) {
	var got []string
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/webhooks/newPet":
			pet, err := shelter.ReadNewPetWebhook(r)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			got = append(got, "new "+pet.ID+" "+pet.Tag.Value())
		case "/webhooks/petAdopted":
			a, err := shelter.ReadPetAdoptedWebhook(r)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			got = append(got, "adopted "+a.Pet.ID+" by "+a.Adopter)
		case "/webhooks/shelterUpdate":
			if r.Method == http.MethodDelete {
				ids, err := shelter.ReadShelterUpdateDeleteWebhook(r)
				if err != nil {
					http.Error(w, err.Error(), http.StatusBadRequest)
					return
				}
				got = append(got, "closed "+strings.Join(ids, ","))
				return
			}
			s, err := shelter.ReadShelterUpdatePutWebhook(r)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			got = append(got, fmt.Sprint("shelter ", s.ID, " ", *s.Open))
		}
	})
	serve := func(r *http.Request) int {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, r)
		return rec.Code
	}
	for _, r := range []*http.Request{
		sheltertest.NewWebhookRequest(t, sheltertest.NewPetWebhook, &shelter.Pet{ID: "p1", Name: "Rex", Tag: shelter.Some("dog")}),
		sheltertest.NewWebhookRequest(t, sheltertest.PetAdoptedWebhook, &shelter.PetAdoptedPayload{Pet: shelter.Pet{ID: "p2"}, Adopter: "Ada"}),
		sheltertest.NewWebhookRequest(t, sheltertest.ShelterUpdatePutWebhook, &shelter.Shelter{ID: "s1", Open: shelter.Bool(true)}),
		sheltertest.NewWebhookRequest(t, sheltertest.ShelterUpdateDeleteWebhook, []string{"s2", "s3"}),
	} {
		if code := serve(r); code != http.StatusOK {
			t.Errorf("%s %s: %d", r.Method, r.URL, code)
		}
	}
	want := "[new p1 dog adopted p2 by Ada shelter s1 true closed s2,s3]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if sheltertest.NewPetWebhook.Name() != "newPet" || sheltertest.ShelterUpdateDeleteWebhook.Method() != "DELETE" {
		t.Error("the webhooks' names")
	}

	// What is not the webhook's JSON is refused.
	bad := httptest.NewRequest(http.MethodPost, "/webhooks/newPet", strings.NewReader("name=Rex"))
	bad.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if code := serve(bad); code != http.StatusBadRequest {
		t.Errorf("a form body: %d", code)
	}
	if _, err := shelter.ReadNewPetWebhook(httptest.NewRequest(http.MethodPost, "/", strings.NewReader("[1]"))); err == nil {
		t.Error("an array for a pet")
	}
}
