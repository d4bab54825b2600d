package generator

import "github.com/intercom-gen/intercom-gen/generator/internal/fetch"

// Fetching Intercom's descriptions at a pinned commit (`intercom-gen
// fetch`): the lock file, the downloader and the store.
type (
	Lock      = fetch.Lock
	Fetcher   = fetch.Fetcher
	PinUpdate = fetch.Update
)

// Where Fetcher downloads from unless told otherwise.
const (
	DefaultRawBase = fetch.DefaultRawBase
	DefaultAPIBase = fetch.DefaultAPIBase
)

// ParseLock reads a lock file's content; name labels it in errors.
func ParseLock(name string, data []byte) (*Lock, error) { return fetch.ParseLock(name, data) }

// ReadLock reads the lock file at path.
func ReadLock(path string) (*Lock, error) { return fetch.ReadLock(path) }

// StoreDescription writes a fetched description of version under
// openapiDir, where Target.Version finds it, and returns its path.
func StoreDescription(openapiDir, version string, data []byte) (string, error) {
	return fetch.Store(openapiDir, version, data)
}

// DescriptionHash is the sha256 a lock file pins for data.
func DescriptionHash(data []byte) string { return fetch.Hash(data) }
