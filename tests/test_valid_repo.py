from tests.conftest import findings
from tests.repos import valid_repo


def test_the_base_repository_of_the_rule_tests_is_clean(repo):
    assert findings(repo(valid_repo())) == []
