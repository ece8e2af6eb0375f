import SeedContracts

/// Who may see one user's presence and last-seen time (seed 001 `settings.privacy`): the user's
/// settings and, from its relationships, its friends and the users it blocks.
struct PresenceAudience: Sendable, Equatable {
    var settings: PrivacySettingsV1
    /// Users this user is friends with (`contacts` in the settings).
    var friends: Set<String>
    /// Users this user blocks: they never see its presence, whatever the settings say.
    var blocked: Set<String>

    /// Whether `viewer` may see that the user is online, away, busy or offline.
    func seesPresence(_ viewer: String) -> Bool {
        admits(viewer, settings.presence)
    }

    /// Whether `viewer` may see when the user was last seen (only someone who sees its presence).
    func seesLastSeen(_ viewer: String) -> Bool {
        seesPresence(viewer) && admits(viewer, settings.lastSeen)
    }

    /// `candidates` (the people the user shares a conversation with) split into those who get the
    /// presence with the last-seen time, and those who get it without; everyone else gets nothing.
    func split(_ candidates: [String]) -> (withLastSeen: [String], withoutLastSeen: [String]) {
        let seeing = candidates.filter(seesPresence)
        return (seeing.filter(seesLastSeen), seeing.filter { !seesLastSeen($0) })
    }

    private func admits(_ viewer: String, _ audience: PrivacyAudience) -> Bool {
        guard !blocked.contains(viewer) else { return false }
        return switch audience {
        case .everyone: true
        case .contacts: friends.contains(viewer)
        case .nobody: false
        }
    }
}
