package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A private ECR repository of this registry that a workload's image names, e.g. a pull-through cache
 * repository {@code docker-hub/library/httpd}. Its presence says the cache has created it already.
 *
 * @param imageTags the tags, of those the workloads use, that the repository holds (not every tag it has)
 */
public record Repository(@JsonProperty(required = true) String repositoryName, List<String> imageTags) {
  public Repository {
    Validate.text(repositoryName, "repositoryName");
    imageTags = imageTags == null ? List.of() : List.copyOf(imageTags);
  }
}
