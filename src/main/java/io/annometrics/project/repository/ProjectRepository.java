package io.annometrics.project.repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.annometrics.project.model.Project;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Projects and project roles. Answers with records, never with entities. */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<ProjectEntity, String> {

    public Optional<Project> project(String id) {
        return findByIdOptional(id).map(ProjectEntity::toModel);
    }

    public boolean exists(String id) {
        return count("id", id) > 0;
    }

    /** The projects among {@code ids} that exist, by id. */
    public Map<String, Project> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return list("id in ?1", ids).stream()
                .map(ProjectEntity::toModel)
                .collect(Collectors.toMap(Project::id, p -> p));
    }

    public Project create(String id, String name, String timeZone, String createdBy) {
        ProjectEntity entity = new ProjectEntity();
        entity.id = id;
        entity.name = name;
        entity.timeZone = timeZone;
        entity.createdAt = OffsetDateTime.now();
        entity.createdBy = createdBy;
        persist(entity);
        return entity.toModel();
    }

    /** The projects in which {@code user} holds a role, by id. */
    public List<Project> projectsOf(String user) {
        return find("id in (select m.key.projectId from ProjectMemberEntity m where m.key.userName = ?1) order by id", user)
                .stream().map(ProjectEntity::toModel).toList();
    }

    public List<Project> all() {
        return listAll(Sort.by("id")).stream().map(ProjectEntity::toModel).toList();
    }
}
