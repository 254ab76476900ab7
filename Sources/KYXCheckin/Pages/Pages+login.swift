extension Pages {
    static let login = """
        <!doctype html><title>login</title>
        """
}
