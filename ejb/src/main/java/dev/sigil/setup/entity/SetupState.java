package dev.sigil.setup.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** The one row that says whether setup is pending (and with which token hash) or completed. */
@Entity
@Table(name = "setup_state")
@NamedQuery(
        name = SetupState.CONSUME,
        query =
                "UPDATE SetupState s SET s.completedAt = :now WHERE s.id = 1"
                        + " AND s.tokenHash = :hash AND s.completedAt IS NULL")
public class SetupState {

    public static final int ID = 1;
    public static final String CONSUME = "SetupState.consume";

    @Id private int id;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected SetupState() {}

    public SetupState(String tokenHash, Instant createdAt) {
        this.id = ID;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public void replaceToken(String tokenHash, Instant at) {
        this.tokenHash = tokenHash;
        this.createdAt = at;
    }

    public boolean isCompleted() {
        return completedAt != null;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }
}
