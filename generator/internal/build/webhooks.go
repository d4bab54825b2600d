package build

import (
	"cmp"
	"slices"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// webhookItems maps the item types of Intercom's webhook topics (the
// "type" of a notification's data.item) to the component schema that
// describes them, for the objects the webhooks documentation lists. Items
// of type "user" and "lead" are contacts; the runtime maps those.
var webhookItems = map[string]string{
	"admin":        "admin",
	"company":      "company",
	"contact":      "contact",
	"conversation": "conversation",
	"event":        "data_event",
	"segment":      "segment",
	"tag":          "tag",
	"team":         "team",
	"ticket":       "ticket",
	"visitor":      "visitor",
}

// webhookModels lists the models a webhook notification's item can decode
// into: the objects of webhookItems the description has, and every
// component schema whose "type" is a constant equal to its own name.
func (b *builder) webhookModels() {
	seen := map[string]bool{}
	add := func(itemType, schema string) {
		c := b.components[schema]
		if seen[itemType] || c == nil || c.typ == nil || c.typ.Kind != model.Struct {
			return
		}
		seen[itemType] = true
		b.pkg.WebhookModels = append(b.pkg.WebhookModels, model.WebhookModel{ItemType: itemType, Type: c.typ.Name})
	}
	for itemType, schema := range webhookItems {
		add(itemType, schema)
	}
	for _, name := range b.componentOrder {
		if c := b.components[name]; c.typ != nil {
			if f := fieldByWire(c.typ, "type"); f != nil && f.Const == name {
				add(name, name)
			}
		}
	}
	slices.SortFunc(b.pkg.WebhookModels, func(x, y model.WebhookModel) int { return cmp.Compare(x.ItemType, y.ItemType) })
}
