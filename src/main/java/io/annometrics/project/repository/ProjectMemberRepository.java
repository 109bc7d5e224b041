package io.annometrics.project.repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.annometrics.project.model.ProjectMember;
import io.annometrics.project.model.ProjectRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Project roles (table {@code project_member}). Answers with records, never with entities. */
@ApplicationScoped
public class ProjectMemberRepository implements PanacheRepositoryBase<ProjectMemberEntity, ProjectMemberEntity.Key> {

    public Optional<ProjectRole> role(String projectId, String user) {
        return findByIdOptional(new ProjectMemberEntity.Key(projectId, user)).map(m -> m.role);
    }

    /** The user's role in each of {@code projectIds} where they have one. */
    public Map<String, ProjectRole> roles(Collection<String> projectIds, String user) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        return list("key.projectId in ?1 and key.userName = ?2", projectIds, user).stream()
                .collect(Collectors.toMap(m -> m.key.projectId, m -> m.role));
    }

    public ProjectMember grant(String projectId, String user, ProjectRole role, String grantedBy) {
        ProjectMemberEntity member = findById(new ProjectMemberEntity.Key(projectId, user));
        if (member == null) {
            member = new ProjectMemberEntity();
            member.key = new ProjectMemberEntity.Key(projectId, user);
        }
        member.role = role;
        member.grantedAt = OffsetDateTime.now();
        member.grantedBy = grantedBy;
        persist(member);
        return member.toModel();
    }

    public List<ProjectMember> membersOf(String projectId) {
        return list("key.projectId = ?1 order by key.userName", projectId).stream()
                .map(ProjectMemberEntity::toModel).toList();
    }
}
