package io.annometrics.bench;

/** The six views: the contract's operation name and the field its answer is under. */
enum View {
    SUMMARY("Summary", "activityCalendar"),
    CREATED("Created", "annotationsCreated"),
    REWORKS("Reworks", "reworks"),
    HEATMAP("Heatmap", "correctionHeatmap"),
    HIERARCHY("Hierarchy", "reviewHierarchy"),
    RELATIONSHIP("Relationship", "correctionChord");

    final String operation;
    final String field;

    View(String operation, String field) {
        this.operation = operation;
        this.field = field;
    }
}
