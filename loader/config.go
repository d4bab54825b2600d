package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/readfile"
	"github.com/intercom-gen/intercom-gen/specs"
)

// Rule identifiers: stable, kebab-case, used as diagnostic codes and as the
// keys of specs/repairs.yaml, which documents each.
const (
	RuleDuplicateKey         = "duplicate-key"
	RuleDanglingSchemaRef    = "dangling-schema-ref"
	RuleRefSiblings          = "ref-siblings"
	RuleArrayWithoutItems    = "array-without-items"
	RulePathParamLocation    = "path-param-location"
	RuleUndeclaredPathParam  = "undeclared-path-param"
	RuleUnusedPathParam      = "unused-path-param"
	RuleSchema31             = "schema-3.1-keywords"
	RulePropertiesWithoutKey = "properties-without-key"
	RuleRequiredBoolean      = "required-boolean"
	RuleProseQuoting         = "prose-quoting"
	RuleDiscriminatorMapping = "discriminator-mapping"
)

// StandInExtension marks the schemas dangling-schema-ref adds: the
// description refers to them without defining them.
const StandInExtension = "x-intercom-gen-stand-in"

// Rules lists every repair rule, in the order the loader applies them.
var Rules = []string{
	RuleDuplicateKey, RuleDanglingSchemaRef, RuleRefSiblings, RuleArrayWithoutItems,
	RulePathParamLocation, RuleUndeclaredPathParam, RuleUnusedPathParam, RuleSchema31,
	RulePropertiesWithoutKey, RuleRequiredBoolean, RuleProseQuoting, RuleDiscriminatorMapping,
}

// ruleParams lists the parameters each rule takes besides enabled and doc.
var ruleParams = map[string][]string{
	RuleDanglingSchemaRef:   {"stub", "names"},
	RuleRefSiblings:         {"silent"},
	RuleArrayWithoutItems:   {"items"},
	RuleUndeclaredPathParam: {"schema"},
}

// Config is the repair configuration: which rules run, with their
// parameters, and which targeted patches apply. It is data kept under
// specs/, so a defect in a new snapshot of a description is handled by
// editing a file rather than the loader.
//
// A rule absent from Rules runs with its defaults, so the zero Config runs
// every rule and no patch; a rule present with Enabled false is off.
type Config struct {
	Rules   map[string]RuleConfig
	Patches []Patch
}

// RuleConfig configures one rule. Each parameter belongs to one rule; nil
// or empty means the built-in default.
type RuleConfig struct {
	Enabled bool
	// Doc says what the rule repairs and why (repairs.yaml's `doc`).
	Doc string
	// Stub is the schema dangling-schema-ref adds for a missing component
	// schema (default: a free-form object).
	Stub *yaml.Node
	// Names lists the schema names dangling-schema-ref stands in for; a
	// dangling reference to any other name is an error (a typo in a
	// description is not repaired into an untyped field).
	Names []string
	// Silent lists the keywords ref-siblings moves beside an allOf without
	// a report, because they only document the reference; a trailing *
	// matches a prefix (default: description, title, x-*).
	Silent []string
	// Items is the items schema array-without-items adds (default: {}, any
	// value).
	Items *yaml.Node
	// Schema is the schema undeclared-path-param gives the parameter it
	// declares (default: string).
	Schema *yaml.Node
}

// Patch is a targeted edit, for what no general rule can decide.
type Patch struct {
	// File is the patch's file name, as diagnostics name it.
	File        string
	Description string
	// Versions lists the description versions the patch is for, matched
	// case-insensitively against Document.Version; "*" matches every one.
	Versions []string
	// Hosts, when set, limits the patch to descriptions of one API: those
	// with a server on one of these hosts ("*.intercom.io" also matches
	// intercom.io's subdomains, whatever values their variables take).
	// Any other description is left alone, without a word: the patch is
	// not for it, so it cannot be stale there.
	Hosts   []string
	Actions []PatchAction
}

// PatchAction edits the node at Target (a JSON pointer): it deep-merges
// Update (a mapping) into it, or removes it. When, if set, is a mapping of
// keys the target must hold with those values, so an action stops applying
// once upstream changes what it was written against.
type PatchAction struct {
	Target string
	When   *yaml.Node
	Update *yaml.Node
	Remove bool
}

// rule returns the configuration of rule id.
func (c *Config) rule(id string) RuleConfig {
	if rc, ok := c.Rules[id]; ok {
		return rc
	}
	return RuleConfig{Enabled: true}
}

var (
	embeddedOnce   sync.Once
	embeddedConfig *Config
	embeddedErr    error
)

// embedded is the configuration LoadBytes uses when Options.Config is nil:
// parsed once, never handed out (DefaultConfig gives callers their own copy
// to change).
func embedded() (*Config, error) {
	embeddedOnce.Do(func() { embeddedConfig, embeddedErr = DefaultConfig() })
	return embeddedConfig, embeddedErr
}

// DefaultConfig parses the configuration embedded from specs/: repairs.yaml
// and patches/*.yaml. Each call returns a new Config the caller may change.
func DefaultConfig() (*Config, error) {
	repairs, err := fs.ReadFile(specs.FS, "repairs.yaml")
	if err != nil {
		return nil, err
	}
	patches := map[string][]byte{}
	names, err := fs.Glob(specs.FS, "patches/*.yaml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := fs.ReadFile(specs.FS, name)
		if err != nil {
			return nil, err
		}
		patches[strings.TrimPrefix(name, "patches/")] = b
	}
	return ParseConfig(repairs, patches)
}

// maxConfigFile bounds each file of a configuration folder.
const maxConfigFile = 16 << 20

// LoadConfigDir reads a configuration folder laid out like specs/:
// repairs.yaml and patches/*.yaml (the patches folder may be absent).
func LoadConfigDir(dir string) (*Config, error) {
	repairs, err := readfile.Max(filepath.Join(dir, "repairs.yaml"), maxConfigFile)
	if err != nil {
		return nil, fmt.Errorf("repair configuration: %w", err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "patches"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("repair configuration: %w", err)
	}
	patches := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		b, err := readfile.Max(filepath.Join(dir, "patches", e.Name()), maxConfigFile)
		if err != nil {
			return nil, fmt.Errorf("repair configuration: %w", err)
		}
		patches[e.Name()] = b
	}
	cfg, err := ParseConfig(repairs, patches)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return cfg, nil
}

// ParseConfig parses repairs.yaml and patch files (keyed by file name;
// patches apply in name order). Unknown keys and unknown rules are errors:
// a typo must not silently turn a repair off.
func ParseConfig(repairs []byte, patches map[string][]byte) (*Config, error) {
	top, err := configDoc("repairs.yaml", repairs)
	if err != nil {
		return nil, err
	}
	if err := onlyKeys(top, "repairs.yaml", "rules"); err != nil {
		return nil, err
	}
	cfg := &Config{Rules: map[string]RuleConfig{}}
	rules := mapGet(top, "rules")
	if rules == nil || rules.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("repairs.yaml:%d: `rules` must map rule ids to their settings", top.Line)
	}
	for i := 0; i+1 < len(rules.Content); i += 2 {
		key, body := rules.Content[i], rules.Content[i+1]
		rc, err := parseRule(key, body)
		if err != nil {
			return nil, err
		}
		cfg.Rules[key.Value] = rc
	}
	names := make([]string, 0, len(patches))
	for name := range patches {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p, err := parsePatch(name, patches[name])
		if err != nil {
			return nil, err
		}
		cfg.Patches = append(cfg.Patches, p)
	}
	return cfg, nil
}

func parseRule(key, body *yaml.Node) (RuleConfig, error) {
	id := key.Value
	where := fmt.Sprintf("repairs.yaml:%d: rule %s", key.Line, id)
	if !slices.Contains(Rules, id) {
		return RuleConfig{}, fmt.Errorf("repairs.yaml:%d: unknown rule %q (known: %s)", key.Line, id, strings.Join(Rules, ", "))
	}
	if err := onlyKeys(body, where, append([]string{"enabled", "doc"}, ruleParams[id]...)...); err != nil {
		return RuleConfig{}, err
	}
	var rc RuleConfig
	switch e := mapGet(body, "enabled"); {
	case e == nil:
		return rc, fmt.Errorf("%s: `enabled: true` or `enabled: false` is required", where)
	case e.Tag != tagBool:
		return rc, fmt.Errorf("%s:%d: `enabled` must be true or false, not %q", where, e.Line, e.Value)
	default:
		rc.Enabled = e.Value == "true"
	}
	if d := mapGet(body, "doc"); d != nil {
		if d.Kind != yaml.ScalarNode {
			return rc, fmt.Errorf("%s:%d: `doc` must be text", where, d.Line)
		}
		rc.Doc = d.Value
	}
	for _, name := range []string{"stub", "items", "schema"} {
		n := mapGet(body, name)
		if n == nil {
			continue
		}
		if n.Kind != yaml.MappingNode {
			return rc, fmt.Errorf("%s:%d: `%s` must be a schema (a mapping)", where, n.Line, name)
		}
		switch name {
		case "stub":
			rc.Stub = n
		case "items":
			rc.Items = n
		case "schema":
			rc.Schema = n
		}
	}
	if s := mapGet(body, "silent"); s != nil {
		list, err := stringList(s)
		if err != nil {
			return rc, fmt.Errorf("%s:%d: `silent` %v", where, s.Line, err)
		}
		rc.Silent = list
	}
	if s := mapGet(body, "names"); s != nil {
		list, err := stringList(s)
		if err != nil {
			return rc, fmt.Errorf("%s:%d: `names` %v", where, s.Line, err)
		}
		rc.Names = list
	}
	return rc, nil
}

func parsePatch(name string, data []byte) (Patch, error) {
	where := "patches/" + name
	top, err := configDoc(where, data)
	if err != nil {
		return Patch{}, err
	}
	if err := onlyKeys(top, where, "description", "versions", "hosts", "actions"); err != nil {
		return Patch{}, err
	}
	p := Patch{File: name, Description: strings.TrimSpace(scalarValue(mapGet(top, "description")))}
	if p.Description == "" {
		return p, fmt.Errorf("%s: `description` must say which defect the patch fixes", where)
	}
	versions := mapGet(top, "versions")
	if versions == nil {
		return p, fmt.Errorf("%s: `versions` must list the description versions it is for, or \"*\"", where)
	}
	if p.Versions, err = stringList(versions); err != nil || len(p.Versions) == 0 {
		return p, fmt.Errorf("%s:%d: `versions` must be a non-empty list of versions, or [\"*\"]", where, versions.Line)
	}
	if hosts := mapGet(top, "hosts"); hosts != nil {
		if p.Hosts, err = stringList(hosts); err != nil || len(p.Hosts) == 0 {
			return p, fmt.Errorf("%s:%d: `hosts` must be a non-empty list of host names, such as [\"*.intercom.io\"]", where, hosts.Line)
		}
	}
	actions := mapGet(top, "actions")
	if actions == nil || actions.Kind != yaml.SequenceNode || len(actions.Content) == 0 {
		return p, fmt.Errorf("%s: `actions` must be a non-empty list", where)
	}
	for _, a := range actions.Content {
		at := fmt.Sprintf("%s:%d: action", where, a.Line)
		if err := onlyKeys(a, at, "target", "when", "update", "remove"); err != nil {
			return p, err
		}
		act := PatchAction{Target: scalarValue(mapGet(a, "target")), When: mapGet(a, "when"), Update: mapGet(a, "update")}
		if !strings.HasPrefix(act.Target, "/") {
			return p, fmt.Errorf("%s: `target` must be a JSON pointer into the description, such as /paths/~1tags/get", at)
		}
		if r := mapGet(a, "remove"); r != nil {
			if r.Tag != tagBool || r.Value != "true" {
				return p, fmt.Errorf("%s: `remove` can only be true", at)
			}
			act.Remove = true
		}
		if (act.Update == nil) == !act.Remove {
			return p, fmt.Errorf("%s: give exactly one of `update` (a mapping to merge in) or `remove: true`", at)
		}
		if act.Update != nil && act.Update.Kind != yaml.MappingNode {
			return p, fmt.Errorf("%s: `update` must be a mapping, merged into the target", at)
		}
		if act.When != nil && (act.When.Kind != yaml.MappingNode || len(act.When.Content) == 0) {
			return p, fmt.Errorf("%s: `when` must map keys of the target to the values they must have", at)
		}
		p.Actions = append(p.Actions, act)
	}
	return p, nil
}

// configDoc parses one configuration file into its top node, with keys and
// scalars prepared as a description's are (the nodes are copied into
// descriptions) and nothing a description may not hold.
func configDoc(where string, data []byte) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", where)
	}
	var check func(n *yaml.Node) error
	check = func(n *yaml.Node) error {
		switch {
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			return fmt.Errorf("%s:%d: anchors and aliases are not supported in configuration", where, n.Line)
		case n.Kind == yaml.ScalarNode && (n.Tag == "!!timestamp" || strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!")):
			n.Tag = tagStr
		case n.Kind == yaml.ScalarNode && nonFinite(n):
			return fmt.Errorf("%s:%d: %s is not a number JSON can hold", where, n.Line, n.Value)
		case n.Kind == yaml.MappingNode:
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode || k.Tag == tagNull || isMergeKey(k) {
					return fmt.Errorf("%s:%d: keys must be plain strings", where, k.Line)
				}
				k.Tag = tagStr
				if seen[k.Value] {
					return fmt.Errorf("%s:%d: key %q is written twice", where, k.Line, k.Value)
				}
				seen[k.Value] = true
			}
		}
		for _, c := range n.Content {
			if err := check(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := check(&root); err != nil {
		return nil, err
	}
	return root.Content[0], nil
}

// onlyKeys fails unless m is a mapping whose keys are all allowed.
func onlyKeys(m *yaml.Node, where string, allowed ...string) error {
	if m == nil || m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: must be a mapping", where)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; !slices.Contains(allowed, k.Value) {
			return fmt.Errorf("%s:%d: unknown key %q (allowed: %s)", where, k.Line, k.Value, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// stringList reads a sequence of non-empty strings.
func stringList(n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errors.New("must be a list of strings")
	}
	out := make([]string, 0, len(n.Content))
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode || e.Value == "" {
			return nil, errors.New("must be a list of non-empty strings")
		}
		out = append(out, e.Value)
	}
	return out, nil
}
