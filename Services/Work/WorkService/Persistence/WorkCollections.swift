public import SeedStore
import SeedServiceKit

// Where each work record lives and the indexes seed 000 gives it, created at start-up; the indexes
// beyond the seed's serve the paginated lists (newest first per caller) and name why.

extension Questionnaire: StoredDocument {
    static let collection = CollectionSpec(
        "questionnaires",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("userId")]),
            IndexSpec([.ascending("status")]),
            IndexSpec([.ascending("reviewedBy"), .ascending("reviewedAt")]),
            IndexSpec([.ascending("createdAt")]),
            // A client's own list, newest first.
            IndexSpec([.ascending("userId"), .descending("createdAt"), .descending("_id")]),
            // The admins' review queue by status, newest first.
            IndexSpec([.ascending("status"), .descending("createdAt"), .descending("_id")]),
        ],
        fields: ["tenantId", "basicInfo", "requirements", "serviceSelection", "adminNotes", "rejectionReason", "sprintId", "updatedAt"])
}

extension Sprint: StoredDocument {
    static let collection = CollectionSpec(
        "sprints",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("clientId"), .ascending("status")]),
            IndexSpec([.ascending("adminId")]),
            IndexSpec([.ascending("assignedTeam.userId")]),
            IndexSpec([.ascending("status"), .ascending("startDate")]),
            IndexSpec([.ascending("endDate")]),
            // One sprint per questionnaire (seed 000: questionnaire → sprint is one-to-one).
            IndexSpec([.ascending("questionnaireId")], unique: true),
            // Lists, newest first: everyone's (admins), a client's, a team member's.
            IndexSpec([.descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("clientId"), .descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("assignedTeam.userId"), .descending("createdAt"), .descending("_id")]),
        ],
        fields: [
            "tenantId", "templateId", "name", "description", "type", "estimatedDuration", "actualDuration", "assignedTeam", "pausedFrom",
            "statusHistory", "requiredDocuments", "packageOptions", "selectedPackage", "milestones", "progress", "meetings", "dueAnnounced",
            "updatedAt",
        ])
}

extension ServiceTemplate: StoredDocument {
    static let collection = CollectionSpec(
        "service_templates",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("category"), .ascending("isActive")]),
            IndexSpec([.ascending("name")]),
        ],
        fields: ["isActive", "createdBy", "updatedAt"])
}

extension SystemSetting: StoredDocument {
    static let collection = CollectionSpec(
        "system_settings",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("key")], unique: true),
            IndexSpec([.ascending("category")]),
        ],
        fields: ["value", "isEditable", "validationType", "validationRules", "lastModifiedBy", "lastModifiedAt", "updatedAt"])
}

extension DirectoryEntry: StoredDocument {
    static let collection = CollectionSpec("user_directory", indexes: [IndexSpec([.ascending("role"), .ascending("status")])], fields: ["updatedAt"])
}

/// The work database's collections and their indexes, created at start-up.
public enum WorkCollections {
    public static let all: [CollectionSpec] = [
        Questionnaire.collection, Sprint.collection, ServiceTemplate.collection, SystemSetting.collection, DirectoryEntry.collection,
    ]
}

extension Transaction {
    var questionnaires: DocumentCollection<Questionnaire> { collection(Questionnaire.self) }
    var sprints: DocumentCollection<Sprint> { collection(Sprint.self) }
    var templates: DocumentCollection<ServiceTemplate> { collection(ServiceTemplate.self) }
    var settings: DocumentCollection<SystemSetting> { collection(SystemSetting.self) }
    var directory: DocumentCollection<DirectoryEntry> { collection(DirectoryEntry.self) }
}
