package naming

// Scope hands out names that are unique within one Go scope (the package
// block, or the fields of one struct). Names are claimed in a deterministic
// order by the caller, so the same description always gets the same names.
type Scope struct {
	owners map[string]string
	outer  *Scope // names taken before this scope opened, shared, never written
}

// NewScope returns a scope in which reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{owners: make(map[string]string, len(reserved))}
	for _, r := range reserved {
		s.owners[r] = "reserved"
	}
	return s
}

// Inner returns an empty scope in which every name taken in s is taken
// too. Claims in it do not reach s, so one scope of reserved names serves
// any number of inner scopes without copying them (a scope per operation
// would otherwise copy the runtime's few hundred names each time). s must
// not change while the inner scope is used.
func (s *Scope) Inner() *Scope { return &Scope{owners: map[string]string{}, outer: s} }

// Taken reports whether name is in use.
func (s *Scope) Taken(name string) bool {
	_, ok := s.lookup(name)
	return ok
}

// Owner returns what claimed name ("" when free).
func (s *Scope) Owner(name string) string {
	owner, _ := s.lookup(name)
	return owner
}

// lookup finds name's owner in s or a scope it is inside.
func (s *Scope) lookup(name string) (string, bool) {
	for ; s != nil; s = s.outer {
		if owner, ok := s.owners[name]; ok {
			return owner, true
		}
	}
	return "", false
}

// Claim takes name for owner if it is free.
func (s *Scope) Claim(name, owner string) bool {
	if s.Taken(name) {
		return false
	}
	s.owners[name] = owner
	return true
}

// Unique claims the first free name of the ladder base, base+suffix for each
// suffix in order, then base+suffixes[last]+N (or base+N without suffixes)
// for N = 2, 3, …. It returns the name and whether it differs from base.
func (s *Scope) Unique(base, owner string, suffixes ...string) (string, bool) {
	if s.Claim(base, owner) {
		return base, false
	}
	for _, suf := range suffixes {
		if s.Claim(base+suf, owner) {
			return base + suf, true
		}
	}
	stem := base
	if len(suffixes) > 0 {
		stem = base + suffixes[len(suffixes)-1]
	}
	for i := 2; ; i++ {
		if name := stem + itoa(i); s.Claim(name, owner) {
			return name, true
		}
	}
}
