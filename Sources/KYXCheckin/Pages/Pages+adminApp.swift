extension Pages {
    static let adminApp = """
        <!doctype html><title>adminApp</title>
        """
}
